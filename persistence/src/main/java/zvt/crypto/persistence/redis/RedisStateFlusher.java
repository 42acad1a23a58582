package zvt.crypto.persistence.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.jctools.queues.SpscArrayQueue;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.persistence.redis.InstrumentState.Field;

/**
 * Takes changed instruments from the ring consumer's queue and writes the fields that changed into each one's hash,
 * all of a drain in one pipeline. While Redis is down the queue keeps being drained (each instrument is queued once,
 * so nothing piles up) and the ring never notices; on reconnect every instrument seen so far is rewritten whole.
 * <p>
 * Flusher thread only. Allocates per write (Jedis takes byte arrays), off the ring's path and conflated.
 */
final class RedisStateFlusher implements Agent
{
    private static final Field[] FIELDS = InstrumentState.fields();
    private static final byte[][] FIELD_NAMES = new byte[FIELDS.length][];
    private static final int MAX_DRAIN = 4_096;

    static
    {
        for (final Field field : FIELDS)
        {
            FIELD_NAMES[field.ordinal()] = field.hashField.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** The flusher's side of an instrument: its key and the field writes already in Redis. */
    private static final class Written
    {
        final InstrumentState state;
        final long[] writes = new long[FIELDS.length];
        byte[] key;

        Written(final InstrumentState state)
        {
            this.state = state;
        }
    }

    private final RedisSettings settings;
    private final RedisKeys keys;
    private final InstrumentRegistry instruments;
    private final SpscArrayQueue<InstrumentState> queue;
    private final RedisStateStatus status;
    private final EpochNanoClock clock;
    private final RedisLink link;
    private final Int2ObjectHashMap<Written> written = new Int2ObjectHashMap<>();
    private final List<Written> drained = new ArrayList<>();
    private final MutableDirectBuffer[] copies = new MutableDirectBuffer[FIELDS.length];
    private final int[] lengths = new int[FIELDS.length];
    private final long[] writes = new long[FIELDS.length];
    /** After a (re)connect every instrument seen is written whole: what was queued meanwhile was not written. */
    private boolean rewriteAll = true;

    RedisStateFlusher(
        final RedisSettings settings,
        final InstrumentRegistry instruments,
        final SpscArrayQueue<InstrumentState> queue,
        final int bookCapacity,
        final RedisStateStatus status,
        final EpochNanoClock clock)
    {
        this.settings = settings;
        this.keys = new RedisKeys(settings.keyPrefix());
        this.instruments = instruments;
        this.queue = queue;
        this.status = status;
        this.clock = clock;
        this.link =
            new RedisLink(settings, "redis-state", "the pipeline goes on and the state is rewritten on reconnect");
        for (final Field field : FIELDS)
        {
            copies[field.ordinal()] = new UnsafeBuffer(new byte[Math.max(bookCapacity, 4_096)]);
        }
    }

    public String roleName()
    {
        return "redis-state";
    }

    public int doWork()
    {
        drained.clear();
        InstrumentState state;
        while (drained.size() < MAX_DRAIN && (state = queue.poll()) != null)
        {
            state.dequeued();
            Written instrument = written.get(state.instrumentId);
            if (instrument == null)
            {
                instrument = new Written(state);
                written.put(state.instrumentId, instrument);
            }
            drained.add(instrument);
        }
        final long now = clock.nanoTime();
        final Jedis jedis = link.connection(now);
        status.connected(link.connected());
        if (jedis == null)
        {
            return drained.size();
        }
        if (drained.isEmpty() && !rewriteAll)
        {
            return 0;
        }
        try
        {
            final Pipeline pipeline = jedis.pipelined();
            int instrumentsWritten = 0;
            if (rewriteAll)
            {
                for (final Written instrument : written.values())
                {
                    instrumentsWritten += write(pipeline, instrument, true);
                }
            }
            else
            {
                for (final Written instrument : drained)
                {
                    instrumentsWritten += write(pipeline, instrument, false);
                }
            }
            pipeline.sync();
            rewriteAll = false;
            status.onFlush(instrumentsWritten);
            return Math.max(1, drained.size());
        }
        catch (final RuntimeException ex)
        {
            link.failed(now, ex);
            status.onFailure();
            status.connected(false);
            rewriteAll = true;
            return 0;
        }
    }

    public void onClose()
    {
        if (link.connected())
        {
            doWork(); // what the ring consumer queued last
        }
        link.close();
        status.connected(false);
    }

    /** @return 1 if the instrument's hash was written, 0 if nothing changed or it has no definition yet. */
    private int write(final Pipeline pipeline, final Written instrument, final boolean all)
    {
        if (instrument.key == null)
        {
            final Instrument definition = instruments.byIdOrNull(instrument.state.instrumentId);
            if (definition == null)
            {
                return 0;
            }
            instrument.key = keys.state(definition).getBytes(StandardCharsets.UTF_8);
        }
        instrument.state.copy(copies, lengths, writes);
        final Map<byte[], byte[]> fields = new HashMap<>();
        for (int i = 0; i < FIELDS.length; i++)
        {
            if (writes[i] != 0 && (all || writes[i] != instrument.writes[i]))
            {
                final byte[] json = new byte[lengths[i]];
                copies[i].getBytes(0, json);
                fields.put(FIELD_NAMES[i], json);
                instrument.writes[i] = writes[i];
            }
        }
        if (fields.isEmpty())
        {
            return 0;
        }
        pipeline.hset(instrument.key, fields);
        return 1;
    }
}
