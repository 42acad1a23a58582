package zvt.crypto.persistence.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;

import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.book.OrderBookEventHandler;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.journal.Journal;
import zvt.crypto.persistence.sink.JournalSink;

/**
 * Appends every journal entry to its venue's capped Redis stream, the journal index as the entry id, and commits
 * each batch with the streams' head index in one MULTI/EXEC: Redis applies all of it or none, so after a restart or
 * an outage the sink resumes after the head and writes every entry exactly once. A reader resumes from the last id
 * it saw and learns the journal index from the id.
 * <p>
 * The sink also keeps every book (off the ring, from the entries it reads) and, every
 * {@link RedisSettings#streamSnapshotInterval()} of receive time, appends each good book whole after the entry that
 * left it so, as SNAPSHOT events with ids {@code <index>-1}, {@code <index>-2}, ...: a reader that starts in a trimmed
 * stream takes the first of these for each book it has none of, and skips the rest. Re-reading entries after a
 * failure cannot corrupt the books: book updates set absolute sizes, so applying a suffix again ends the same.
 * <p>
 * Tailer thread only. Allocates per entry (Jedis takes byte arrays), off the ring's path.
 */
final class RedisStreamSink implements JournalSink
{
    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamSink.class);
    private static final int BOOK_UPDATE = EventType.BOOK_UPDATE.templateId();
    private static final int VENUE_STATUS = EventType.VENUE_STATUS.templateId();

    private final RedisSettings settings;
    private final RedisKeys keys;
    private final List<byte[]> batchKeys = new ArrayList<>();
    private final List<byte[]> batchIds = new ArrayList<>();
    private final List<byte[]> batchEntries = new ArrayList<>();
    private final OrderBookEventHandler books = new OrderBookEventHandler();
    private final BookSnapshotEncoder snapshots = new BookSnapshotEncoder();
    private final Long2LongHashMap lastSnapshotNanos = new Long2LongHashMap(Long.MIN_VALUE);
    private final List<byte[]> parts = new ArrayList<>();
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private final long snapshotIntervalNanos;
    private Jedis jedis;
    private long skipped;

    RedisStreamSink(final RedisSettings settings)
    {
        this.settings = settings;
        this.keys = new RedisKeys(settings.keyPrefix());
        this.snapshotIntervalNanos = settings.streamSnapshotInterval().toNanos();
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
        add(stream, RedisKeys.entryId(index, 0), entry);
        final int templateId = EventView.templateId(buffer, offset);
        if (templateId == BOOK_UPDATE || templateId == VENUE_STATUS)
        {
            view.wrap(entry);
            books.onMessage(view, 0);
            if (templateId == BOOK_UPDATE)
            {
                snapshotIfDue(stream, EventView.instrumentId(view, 0), EventView.venueCode(view, 0),
                    EventView.receiveTimeNanos(view, 0), index);
            }
        }
    }

    /**
     * Appends the whole book once the interval has passed since the last time (or since it first became good, by a
     * venue's snapshot, which is in the stream already).
     */
    private void snapshotIfDue(
        final byte[] stream, final int instrumentId, final int venueCode, final long receiveNanos, final long index)
    {
        final OrderBook book = books.bookOrNull(instrumentId);
        if (book == null || !book.isServable())
        {
            return;
        }
        final long last = lastSnapshotNanos.get(instrumentId);
        if (last == Long.MIN_VALUE)
        {
            lastSnapshotNanos.put(instrumentId, receiveNanos);
            return;
        }
        if (receiveNanos - last < snapshotIntervalNanos)
        {
            return;
        }
        lastSnapshotNanos.put(instrumentId, receiveNanos);
        parts.clear();
        snapshots.encode(book, Venue.get((short)venueCode), receiveNanos, parts);
        for (int i = 0; i < parts.size(); i++)
        {
            add(stream, RedisKeys.entryId(index, i + 1), parts.get(i));
        }
    }

    private void add(final byte[] stream, final byte[] id, final byte[] entry)
    {
        batchKeys.add(stream);
        batchIds.add(id);
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
