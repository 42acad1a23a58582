package zvt.crypto.persistence.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;

import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventView;
import zvt.crypto.journal.Journal;
import zvt.crypto.persistence.sink.JournalSink;

/**
 * Appends every journal entry to its venue's capped Redis stream, the journal index as the entry id, and commits
 * each batch with the streams' head index in one MULTI/EXEC: Redis applies all of it or none, so after a restart or
 * an outage the sink resumes after the head and writes every entry exactly once. A reader resumes from the last id
 * it saw and learns the journal index from the id.
 * <p>
 * Tailer thread only. Allocates per entry (Jedis takes byte arrays), off the ring's path.
 */
final class RedisStreamSink implements JournalSink
{
    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamSink.class);

    private final RedisSettings settings;
    private final RedisKeys keys;
    private final List<byte[]> batchKeys = new ArrayList<>();
    private final List<byte[]> batchIds = new ArrayList<>();
    private final List<byte[]> batchEntries = new ArrayList<>();
    private Jedis jedis;
    private long skipped;

    RedisStreamSink(final RedisSettings settings)
    {
        this.settings = settings;
        this.keys = new RedisKeys(settings.keyPrefix());
    }

    public String name()
    {
        return "redis-streams";
    }

    public void connect()
    {
        jedis = RedisConnections.open(settings, "zvt-redis-streams");
    }

    /**
     * The head key, or the newest id of any venue stream if that is later: the streams are only written in
     * transactions with the head, but a head deleted by hand must not make the sink append ids Redis refuses.
     */
    public long resume()
    {
        final byte[] head = jedis.get(keys.streamHead());
        long checkpoint = head == null ? Journal.NO_INDEX : Long.parseLong(new String(head, StandardCharsets.US_ASCII));
        for (final Venue venue : Venue.values())
        {
            final byte[] stream = keys.stream(venue.value());
            if (stream != null)
            {
                final List<Object> newest = jedis.xrevrange(stream, "+".getBytes(StandardCharsets.US_ASCII),
                    "-".getBytes(StandardCharsets.US_ASCII), 1);
                if (!newest.isEmpty())
                {
                    final Object id = ((List<?>)newest.get(0)).get(0);
                    checkpoint = Math.max(checkpoint,
                        RedisKeys.journalIndex(new String((byte[])id, StandardCharsets.US_ASCII)));
                }
            }
        }
        return checkpoint;
    }

    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
    {
        final byte[] stream = length < EventView.MIN_LENGTH ? null : keys.stream(EventView.venueCode(buffer, offset));
        if (stream == null)
        {
            if (skipped++ == 0)
            {
                LOG.warn("redis streams: skipping journal entry {} of {} bytes: not an event of a known venue (counted)",
                    index, length);
            }
            return;
        }
        final byte[] entry = new byte[length];
        buffer.getBytes(offset, entry);
        batchKeys.add(stream);
        batchIds.add(RedisKeys.entryId(index));
        batchEntries.add(entry);
    }

    public int batched()
    {
        return batchEntries.size();
    }

    public long commit(final long lastIndex)
    {
        final Transaction transaction = jedis.multi();
        for (int i = 0, n = batchEntries.size(); i < n; i++)
        {
            transaction.xadd(batchKeys.get(i),
                XAddParams.xAddParams().id(batchIds.get(i)).maxLen(settings.streamMaxLength()).approximateTrimming(),
                Map.of(RedisKeys.ENTRY_FIELD, batchEntries.get(i)));
        }
        transaction.set(keys.streamHead(), Long.toString(lastIndex).getBytes(StandardCharsets.US_ASCII));
        for (final Object reply : transaction.exec())
        {
            if (reply instanceof JedisDataException error)
            {
                throw error;
            }
        }
        discard();
        return lastIndex;
    }

    public void discard()
    {
        batchKeys.clear();
        batchIds.clear();
        batchEntries.clear();
    }

    public void disconnect()
    {
        RedisConnections.closeQuietly(jedis);
        jedis = null;
    }
}
