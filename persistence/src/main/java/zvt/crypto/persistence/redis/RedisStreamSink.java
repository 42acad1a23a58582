package zvt.crypto.persistence.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
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
 * Appends every journal entry to its venue's capped Redis stream and commits each batch with the streams' head index
 * in one MULTI/EXEC: Redis applies all of it or none, so after a restart or an outage the sink resumes after the head
 * and writes every entry exactly once. A batch's entries of one venue go into one stream entry
 * ({@link StreamEntryFormat}: each record carries its journal index), whose id is its last record's
 * {@code <journal index>-<part>}; a reader resumes after the last id it saw.
 * <p>
 * The sink also keeps every book (off the ring, from the entries it reads) and, every
 * {@link RedisSettings#streamSnapshotInterval()} of receive time, appends each good book whole after the entry that
 * left it so, as SNAPSHOT records of parts 1, 2, ...: a reader that starts in a trimmed stream takes the first of
 * these for each book it has none of, and skips the rest. Re-reading entries after a failure cannot corrupt the
 * books: book updates set absolute sizes, so applying a suffix again ends the same.
 * <p>
 * The cap ({@link RedisSettings#streamMaxLength()}) counts journal entries: each {@code XADD} trims to the number of
 * stream entries that held that many records on average so far.
 * <p>
 * Tailer thread only. Allocates one array per venue and batch (Jedis takes byte arrays), off the ring's path.
 */
final class RedisStreamSink implements JournalSink
{
    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamSink.class);
    private static final int BOOK_UPDATE = EventType.BOOK_UPDATE.templateId();
    private static final int VENUE_STATUS = EventType.VENUE_STATUS.templateId();

    /** One venue's records of the open batch, and what its stream has been given so far (for the cap). */
    private static final class VenueBatch
    {
        final byte[] stream;
        final ExpandableArrayBuffer records = new ExpandableArrayBuffer(64 * 1024);
        int length;
        int count;
        long lastIndex;
        int lastPart;
        long entriesWritten;
        long recordsWritten;

        VenueBatch(final byte[] stream)
        {
            this.stream = stream;
        }

        /** @return the offset of the record's SBE bytes in {@link #records}. */
        int add(final long index, final int part, final DirectBuffer event, final int offset, final int eventLength)
        {
            length = StreamEntryFormat.append(records, length, index, part, event, offset, eventLength);
            count++;
            lastIndex = index;
            lastPart = part;
            return length - eventLength;
        }

        /** Stream entries to keep so that they hold about {@code maxRecords} records. */
        long entriesToKeep(final long maxRecords)
        {
            final double recordsPerEntry = (recordsWritten + count) / (double)(entriesWritten + 1);
            return Math.max(1, (long)Math.ceil(maxRecords / recordsPerEntry));
        }

        void committed()
        {
            entriesWritten++;
            recordsWritten += count;
            clear();
        }

        void clear()
        {
            length = 0;
            count = 0;
        }
    }

    private final RedisSettings settings;
    private final RedisKeys keys;
    private final VenueBatch[] batches = new VenueBatch[Venue.values().length];
    private final OrderBookEventHandler books = new OrderBookEventHandler();
    private final BookSnapshotEncoder snapshots = new BookSnapshotEncoder();
    private final Long2LongHashMap lastSnapshotNanos = new Long2LongHashMap(Long.MIN_VALUE);
    private final List<byte[]> parts = new ArrayList<>();
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private final long snapshotIntervalNanos;
    private Jedis jedis;
    private int batched;
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
        final VenueBatch batch = length < EventView.MIN_LENGTH ? null : batchOf(EventView.venueCode(buffer, offset));
        if (batch == null)
        {
            if (skipped++ == 0)
            {
                LOG.warn("redis streams: skipping journal entry {} of {} bytes: not an event of a known venue (counted)",
                    index, length);
            }
            return;
        }
        final int at = batch.add(index, 0, buffer, offset, length);
        batched++;
        final int templateId = EventView.templateId(buffer, offset);
        if (templateId == BOOK_UPDATE || templateId == VENUE_STATUS)
        {
            view.wrap(batch.records.byteArray(), at, length);
            books.onMessage(view, 0);
            if (templateId == BOOK_UPDATE)
            {
                snapshotIfDue(batch, EventView.instrumentId(view, 0), EventView.venueCode(view, 0),
                    EventView.receiveTimeNanos(view, 0), index);
            }
        }
    }

    /** @return the venue's batch, or null for a code that names no venue. */
    private VenueBatch batchOf(final int venueCode)
    {
        final byte[] stream = keys.stream(venueCode);
        if (stream == null)
        {
            return null;
        }
        final int slot = Venue.get((short)venueCode).ordinal();
        if (batches[slot] == null)
        {
            batches[slot] = new VenueBatch(stream);
        }
        return batches[slot];
    }

    /**
     * Appends the whole book once the interval has passed since the last time (or since it first became good, by a
     * venue's snapshot, which is in the stream already).
     */
    private void snapshotIfDue(
        final VenueBatch batch, final int instrumentId, final int venueCode, final long receiveNanos, final long index)
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
            view.wrap(parts.get(i));
            batch.add(index, i + 1, view, 0, parts.get(i).length);
        }
    }

    public int batched()
    {
        return batched;
    }

    public long commit(final long lastIndex)
    {
        final Transaction transaction = jedis.multi();
        for (final VenueBatch batch : batches)
        {
            if (batch != null && batch.count > 0)
            {
                final byte[] records = new byte[batch.length];
                batch.records.getBytes(0, records);
                transaction.xadd(batch.stream, XAddParams.xAddParams()
                        .id(RedisKeys.entryId(batch.lastIndex, batch.lastPart))
                        .maxLen(batch.entriesToKeep(settings.streamMaxLength())).approximateTrimming(),
                    Map.of(RedisKeys.ENTRY_FIELD, records));
            }
        }
        transaction.set(keys.streamHead(), Long.toString(lastIndex).getBytes(StandardCharsets.US_ASCII));
        for (final Object reply : transaction.exec())
        {
            if (reply instanceof JedisDataException error)
            {
                throw error;
            }
        }
        for (final VenueBatch batch : batches)
        {
            if (batch != null && batch.count > 0)
            {
                batch.committed();
            }
        }
        batched = 0;
        return lastIndex;
    }

    public void discard()
    {
        for (final VenueBatch batch : batches)
        {
            if (batch != null)
            {
                batch.clear();
            }
        }
        batched = 0;
    }

    public void disconnect()
    {
        RedisConnections.closeQuietly(jedis);
        jedis = null;
    }
}
