package zvt.crypto.persistence.redis;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.XReadParams;

import zvt.crypto.core.codec.BookUpdateDecoder;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.instrument.InstrumentDefinitionCodec;
import zvt.crypto.core.instrument.InstrumentRegistry;

/**
 * Reads the venue streams {@link RedisStreamSink} writes and hands their entries on in journal order, each with its
 * journal index: what a gateway apart from the feeds consumes instead of the journal.
 * <p>
 * Order across venues: every poll reads the head index first, then each stream after the last id taken. The sink
 * writes each batch with the head in one transaction, so every entry up to the head is in its stream by then; the
 * reader merges the streams by id and hands on entries up to the head, stopping where a stream it has emptied may
 * still hold more (read next poll).
 * <p>
 * Books: the first complete snapshot of a book is taken whether the venue sent it or the sink appended it; the
 * sink's later snapshots of a book already held are skipped, so the messages a gateway derives are those an
 * in-process gateway derives from the journal. Instrument definitions go into the registry before they are handed
 * on. Starts at the streams' beginning (what the cap has kept).
 * <p>
 * Runs on its own thread; the listener is called there.
 */
public final class RedisStreamReader implements Agent
{
    /** Gets each entry, in journal order. */
    @FunctionalInterface
    public interface Listener
    {
        /** @param event the entry's SBE bytes at 0, valid during the call only. */
        void onEntry(UnsafeBuffer event, int length, long journalIndex);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamReader.class);
    /** Stream entries per XREAD and stream; each holds one sink batch of the venue, up to a few thousand records. */
    private static final int COUNT = 64;
    private static final int BOOK_UPDATE = EventType.BOOK_UPDATE.templateId();
    private static final int INSTRUMENT = EventType.INSTRUMENT.templateId();

    /** One record of a stream entry: its bytes are {@code value[offset, offset + length)}. */
    private record Entry(long index, int part, byte[] value, int offset, int length)
    {
        boolean before(final Entry other)
        {
            return index < other.index || (index == other.index && part < other.part);
        }
    }

    private static final class Stream
    {
        final byte[] key;
        byte[] lastId = "0-0".getBytes(StandardCharsets.US_ASCII);
        final ArrayDeque<Entry> pending = new ArrayDeque<>();
        boolean exhausted;

        Stream(final byte[] key)
        {
            this.key = key;
        }
    }

    private final RedisSettings settings;
    private final RedisKeys keys;
    private final InstrumentRegistry instruments;
    private final Listener listener;
    private final EpochNanoClock clock;
    private final RedisLink link;
    private final List<Stream> streams = new ArrayList<>();
    private final IntHashSet booksHeld = new IntHashSet();
    private final InstrumentDefinitionCodec definitions = new InstrumentDefinitionCodec();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private boolean takingSnapshot;
    private long undecodable;
    private long malformedEntries;
    private final AtomicCounter delivered;
    private volatile long lastIndex = -1;

    /** @param counters the node's counters registry, where the reader counts the entries it hands on. */
    public RedisStreamReader(
        final RedisSettings settings, final InstrumentRegistry instruments, final Listener listener,
        final EpochNanoClock clock, final CountersRegistry counters)
    {
        this.delivered = counters.counter("zvt_redis_reader_entries", "stream entries handed to the fan-out");
        this.settings = settings;
        this.keys = new RedisKeys(settings.keyPrefix());
        this.instruments = instruments;
        this.listener = listener;
        this.clock = clock;
        this.link = new RedisLink(settings, "redis-stream-reader", "subscribers get nothing new meanwhile");
        for (final Venue venue : Venue.values())
        {
            final byte[] key = keys.stream(venue.value());
            if (key != null)
            {
                streams.add(new Stream(key));
            }
        }
    }

    public String roleName()
    {
        return "redis-stream-reader";
    }

    /** @return entries handed on so far. */
    public long delivered()
    {
        return delivered.get();
    }

    /** @return the journal index of the last entry handed on, or -1. */
    public long lastIndex()
    {
        return lastIndex;
    }

    public boolean connected()
    {
        return link.connected();
    }

    public int doWork()
    {
        final long now = clock.nanoTime();
        final Jedis jedis = link.connection(now);
        if (jedis == null)
        {
            return 0;
        }
        try
        {
            final byte[] headBytes = jedis.get(keys.streamHead());
            if (headBytes == null)
            {
                return 0;
            }
            read(jedis);
            return emitUpTo(Long.parseLong(new String(headBytes, StandardCharsets.US_ASCII)));
        }
        catch (final RuntimeException ex)
        {
            link.failed(now, ex);
            return 0;
        }
    }

    public void onClose()
    {
        link.close();
    }

    @SuppressWarnings("unchecked")
    private void read(final Jedis jedis)
    {
        final Map.Entry<byte[], byte[]>[] after = new Map.Entry[streams.size()];
        for (int i = 0; i < after.length; i++)
        {
            final Stream stream = streams.get(i);
            stream.exhausted = true;
            after[i] = new AbstractMap.SimpleEntry<>(stream.key, stream.lastId);
        }
        final List<Object> reply = jedis.xread(XReadParams.xReadParams().count(COUNT), after);
        if (reply == null)
        {
            return;
        }
        for (final Object item : reply)
        {
            final List<?> keyed = (List<?>)item;
            final Stream stream = streamOf((byte[])keyed.get(0));
            final List<?> entries = (List<?>)keyed.get(1);
            stream.exhausted = entries.size() < COUNT;
            for (final Object entryItem : entries)
            {
                final List<?> entry = (List<?>)entryItem;
                final byte[] id = (byte[])entry.get(0);
                final byte[] value = (byte[])((List<?>)entry.get(1)).get(1);
                if (!StreamEntryFormat.forEach(value, (index, part, event, offset, length) ->
                    stream.pending.add(new Entry(index, part, value, offset, length))) && malformedEntries++ == 0)
                {
                    LOG.warn("redis stream reader: stream entry {} ends inside a record; the rest of it is skipped " +
                        "(counted)", new String(id, StandardCharsets.US_ASCII));
                }
                stream.lastId = id;
            }
        }
    }

    /** Hands on, in order, the entries up to the head that no unread stream entry can precede. */
    private int emitUpTo(final long head)
    {
        int emitted = 0;
        while (true)
        {
            Stream next = null;
            for (final Stream stream : streams)
            {
                if (stream.pending.isEmpty())
                {
                    if (!stream.exhausted)
                    {
                        return emitted; // it may hold an earlier entry: read again first
                    }
                }
                else if (next == null || stream.pending.peekFirst().before(next.pending.peekFirst()))
                {
                    next = stream;
                }
            }
            if (next == null || next.pending.peekFirst().index() > head)
            {
                return emitted;
            }
            emitted += deliver(next.pending.pollFirst());
        }
    }

    private int deliver(final Entry entry)
    {
        view.wrap(entry.value(), entry.offset(), entry.length());
        if (entry.length() < EventView.MIN_LENGTH)
        {
            return 0;
        }
        final int templateId = EventView.templateId(view, 0);
        final int instrumentId = EventView.instrumentId(view, 0);
        if (entry.part() > 0)
        {
            if (entry.part() == 1)
            {
                takingSnapshot = !booksHeld.contains(instrumentId);
            }
            if (!takingSnapshot)
            {
                return 0;
            }
        }
        if (templateId == INSTRUMENT && !define(entry.length()))
        {
            return 0;
        }
        else if (templateId == BOOK_UPDATE)
        {
            book.wrapAndApplyHeader(view, 0, header);
            if (book.kind() == BookUpdateKind.SNAPSHOT && book.lastInBatch() == BooleanType.TRUE)
            {
                booksHeld.add(instrumentId);
            }
        }
        listener.onEntry(view, entry.length(), entry.index());
        lastIndex = entry.index();
        delivered.incrementRelease();
        return 1;
    }

    private boolean define(final int length)
    {
        try
        {
            instruments.put(definitions.decode(view, 0, length));
            return true;
        }
        catch (final RuntimeException ex)
        {
            if (undecodable++ == 0)
            {
                LOG.warn("redis stream reader: skipping an instrument definition it cannot decode (counted): {}",
                    ex.toString());
            }
            return false;
        }
    }

    private Stream streamOf(final byte[] key)
    {
        for (final Stream stream : streams)
        {
            if (Arrays.equals(stream.key, key))
            {
                return stream;
            }
        }
        throw new IllegalStateException("XREAD answered for a stream not asked for");
    }
}
