package zvt.crypto.core.counters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * The node's one set of counters: every count the pipeline keeps is an Agrona {@link AtomicCounter} allocated here,
 * once, at start-up (or, for label values met lazily such as a REST route and status, off the hot path). The
 * counter's Agrona label is its Prometheus series, {@code name{label="value",...}}, and its type id its
 * {@link CounterFamily.Kind}; the family's help is kept here. {@code /metrics}, {@code /health} and the counters log
 * line all read this one registry.
 * <p>
 * Recording is a store into the counter's own cache line: a single writer uses {@code incrementRelease()} (no
 * atomic instruction), several writers {@code increment()}. Nothing allocates or locks to record.
 * <p>
 * Thread-safety: allocation is synchronized; reading ({@link #forEach}, {@link #summary}) is safe from any thread.
 */
public final class CountersRegistry
{
    public static final int MAX_COUNTERS_DEFAULT = 1024;

    private final CountersManager manager;
    private final Map<String, CounterFamily> families = new HashMap<>();
    /** Indexed by counter id; written under the lock, published to readers with each counter's allocation. */
    private volatile Series[] series;

    /** Receives each counter's value at read time. */
    @FunctionalInterface
    public interface CounterVisitor
    {
        void accept(CounterFamily family, List<String> labelValues, long value);
    }

    private record Series(CounterFamily family, List<String> labelValues)
    {
    }

    public CountersRegistry()
    {
        this(MAX_COUNTERS_DEFAULT);
    }

    public CountersRegistry(final int maxCounters)
    {
        final AtomicBuffer values = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            maxCounters * CountersReader.COUNTER_LENGTH, BitUtil.CACHE_LINE_LENGTH));
        final AtomicBuffer metadata = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            maxCounters * CountersReader.METADATA_LENGTH, BitUtil.CACHE_LINE_LENGTH));
        manager = new CountersManager(metadata, values);
        series = new Series[maxCounters];
    }

    /**
     * A counter that only goes up.
     *
     * @param labels label names and values, alternating: {@code "venue", "binance", "reason", "bad_price"}.
     */
    public AtomicCounter counter(final String name, final String help, final String... labels)
    {
        return allocate(name, help, CounterFamily.Kind.COUNTER, labels);
    }

    /** A value that goes up and down (sessions open, subscriptions held). */
    public AtomicCounter gauge(final String name, final String help, final String... labels)
    {
        return allocate(name, help, CounterFamily.Kind.GAUGE, labels);
    }

    /**
     * Every counter in allocation order. Counters of the same family with the same label values (two causes that
     * share a public reason) are visited separately; readers sum them.
     */
    public void forEach(final CounterVisitor visitor)
    {
        final Series[] all = series;
        manager.forEach((value, counterId, label) ->
        {
            final Series one = all[counterId];
            if (one != null)
            {
                visitor.accept(one.family(), one.labelValues(), value);
            }
        });
    }

    /** @return the non-zero counters on one line, {@code name{labels}=value} separated by spaces; for the logs. */
    public String summary()
    {
        final StringBuilder line = new StringBuilder();
        manager.forEach((value, counterId, label) ->
        {
            if (value != 0)
            {
                line.append(line.isEmpty() ? "" : " ").append(label).append('=').append(value);
            }
        });
        return line.toString();
    }

    /** @return {@code series=value} of each counter, space-separated: a typed view's {@code toString()}. */
    public static String describe(final AtomicCounter... counters)
    {
        final StringBuilder line = new StringBuilder();
        for (final AtomicCounter counter : counters)
        {
            line.append(line.isEmpty() ? "" : " ").append(counter.label()).append('=').append(counter.get());
        }
        return line.toString();
    }

    private synchronized AtomicCounter allocate(
        final String name, final String help, final CounterFamily.Kind kind, final String... labels)
    {
        if (labels.length % 2 != 0)
        {
            throw new IllegalArgumentException(name + ": labels come in name, value pairs: " + Arrays.toString(labels));
        }
        final List<String> names = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        final StringBuilder label = new StringBuilder(name);
        for (int i = 0; i < labels.length; i += 2)
        {
            names.add(labels[i]);
            values.add(labels[i + 1]);
            label.append(i == 0 ? "{" : ",").append(labels[i]).append("=\"").append(labels[i + 1]).append('"');
        }
        label.append(labels.length == 0 ? "" : "}");
        final CounterFamily family = families.computeIfAbsent(name, key -> new CounterFamily(name, help, kind, names));
        if (family.kind() != kind || !family.labelNames().equals(names))
        {
            throw new IllegalArgumentException(name + " is already a " + family.kind() + " with labels " +
                family.labelNames() + ", not a " + kind + " with " + names);
        }
        final AtomicCounter counter = manager.newCounter(label.toString(), kind.ordinal());
        final Series[] next = series.clone();
        next[counter.id()] = new Series(family, List.copyOf(values));
        series = next;
        return counter;
    }
}
