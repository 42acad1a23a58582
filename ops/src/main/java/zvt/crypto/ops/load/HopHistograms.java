package zvt.crypto.ops.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;
import zvt.crypto.core.latency.HopLatencies;
import zvt.crypto.core.latency.HopLatency;

/**
 * The measured window's latency per hop: the node's own hops ({@link HopLatencies}) and the subscribers', all on the
 * node's clock: {@code receive_to_subscriber} (node receive time, carried in every message, to the subscriber's
 * receive), {@code exchange_to_subscriber} (the trade's venue time, which the simulator stamps in ms, to the
 * subscriber's receive), and from the simulator's send ({@link SendTimes}) {@code send_to_receive} and
 * {@code send_to_subscriber}, the whole path. Written as one HdrHistogram percentile file per hop ({@code
 * <hop>.hgrm}, µs) and one plot of them all ({@link PercentilePlot}).
 */
final class HopHistograms
{
    static final String RECEIVE_TO_SUBSCRIBER = "receive_to_subscriber";
    static final String EXCHANGE_TO_SUBSCRIBER = "exchange_to_subscriber";
    static final String SEND_TO_RECEIVE = "send_to_receive";
    static final String SEND_TO_SUBSCRIBER = "send_to_subscriber";
    private static final double NANOS_PER_MICRO = 1000.0;

    private final Map<String, Histogram> hops = new LinkedHashMap<>();

    /** Discards what the node recorded so far (the warm-up): the next {@link #readNode} starts here. */
    static void drain(final HopLatencies latencies)
    {
        for (final HopLatency hop : latencies.all())
        {
            hop.read((count, nanos, sinceLastRead) -> { });
        }
    }

    /** Takes what the node recorded since the last read, hop by hop. */
    void readNode(final HopLatencies latencies)
    {
        for (final HopLatency hop : latencies.all())
        {
            hop.read((count, nanos, sinceLastRead) -> hops.put(hop.hop(), sinceLastRead.copy()));
        }
    }

    /** Adds a histogram under a hop's name (merging several subscribers' into one). */
    void add(final String hop, final Histogram histogram)
    {
        hops.computeIfAbsent(hop, name -> new Histogram(histogram.getHighestTrackableValue(), 3)).add(histogram);
    }

    /** Count and p50/p99/p99.9/max in µs per hop. */
    Map<String, Object> summary()
    {
        final Map<String, Object> summary = new LinkedHashMap<>();
        for (final Map.Entry<String, Histogram> entry : hops.entrySet())
        {
            final Histogram histogram = entry.getValue();
            final Map<String, Object> hop = new LinkedHashMap<>();
            hop.put("count", histogram.getTotalCount());
            hop.put("p50us", micros(histogram.getValueAtPercentile(50)));
            hop.put("p99us", micros(histogram.getValueAtPercentile(99)));
            hop.put("p999us", micros(histogram.getValueAtPercentile(99.9)));
            hop.put("maxUs", micros(histogram.getMaxValue()));
            summary.put(entry.getKey(), hop);
        }
        return summary;
    }

    long p99Nanos(final String hop)
    {
        final Histogram histogram = hops.get(hop);
        return histogram == null ? 0 : histogram.getValueAtPercentile(99);
    }

    /** Writes {@code <hop>.hgrm} for every hop with values and {@code latency.svg}; returns the files written. */
    Map<String, String> write(final Path directory, final String title) throws IOException
    {
        Files.createDirectories(directory);
        final Map<String, String> files = new LinkedHashMap<>();
        for (final Map.Entry<String, Histogram> entry : hops.entrySet())
        {
            if (entry.getValue().getTotalCount() == 0)
            {
                continue;
            }
            final Path file = directory.resolve(entry.getKey() + ".hgrm");
            try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
            {
                entry.getValue().outputPercentileDistribution(out, NANOS_PER_MICRO);
            }
            files.put(entry.getKey(), file.toString());
        }
        final Path plot = directory.resolve("latency.svg");
        Files.writeString(plot, PercentilePlot.svg(title, hops, NANOS_PER_MICRO));
        files.put("plot", plot.toString());
        return files;
    }

    private static double micros(final long nanos)
    {
        return ProcessCost.round(nanos / NANOS_PER_MICRO);
    }
}
