package zvt.crypto.ops.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonGenerator;
import com.lmax.disruptor.RingBuffer;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.Unit;

import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.latency.HopLatencies;
import zvt.crypto.core.latency.HopLatency;
import zvt.crypto.feed.runner.VenueFeed;
import zvt.crypto.gateway.GatewayCounters;
import zvt.crypto.gateway.MetricsSource;
import zvt.crypto.journal.JournalFiles;
import zvt.crypto.persistence.redis.RedisStreamReader;
import zvt.crypto.persistence.redis.RedisWriter;
import zvt.crypto.persistence.sink.SinkStatus;
import zvt.crypto.persistence.writer.DbWriterStatus;

/**
 * Every metric the node exports, read at scrape time: the counters of the node's {@link CountersRegistry} (one
 * generic export), plus what is computed when scraped (connection state, stale books, ring capacity, disk, sink
 * status) and the HdrHistogram hop latencies. Recording costs the hot path nothing extra.
 * Names follow Prometheus conventions (base units, {@code _total} counters, bounded {@code venue}, {@code reason},
 * {@code route}, {@code hop} labels); ops/prometheus/alerts.yaml and ops/grafana use them, and tests check that
 * every name they use is exported.
 * <p>
 * Stages register what the node runs; a stage a role lacks is simply absent. Thread-safety: register while the node
 * starts, on one thread; {@link #source()} serves scrapes from any thread.
 */
public final class NodeMetrics
{
    private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99, 0.999};
    private static final double NANOS_PER_SECOND = 1e9;
    /** The node's own metrics, as opposed to the JVM's. */
    private static final String OWN_PREFIX = "zvt_";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /** @param counters the node's counters, every one exported as it is at each scrape. */
    public NodeMetrics(final CountersRegistry counters)
    {
        JvmMetrics.builder().register(registry);
        registry.register(new CountersCollector(counters));
    }

    /**
     * @return what the gateway serves at {@code /metrics}, and the node's own metrics of the same scrape as JSON
     *         (the web page's node view).
     */
    public MetricsSource source()
    {
        return new MetricsSource()
        {
            public void writeTo(final OutputStream out) throws IOException
            {
                writer.write(out, registry.scrape());
            }

            public void writeJson(final JsonGenerator json) throws IOException
            {
                MetricsJson.write(registry.scrape(name -> name.startsWith(OWN_PREFIX)), json);
            }
        };
    }

    /** Per venue, computed at scrape time: connection state and book staleness (the counters are the registry's). */
    public NodeMetrics feeds(final List<VenueFeed> feeds)
    {
        gauge("zvt_feed_connected", "1 while the venue feed has a session open", "venue",
            (cb) -> feeds.forEach(feed -> cb.call(feed.isConnected() ? 1 : 0, venue(feed))));
        gauge("zvt_feed_books_stale", "books of the venue not good now (stale, or waiting for a snapshot)", "venue",
            (cb) -> feeds.forEach(feed -> cb.call(staleBooks(feed), venue(feed))));
        return this;
    }

    /** The ring's size and what its slowest consumer has yet to take. */
    public NodeMetrics ring(final RingBuffer<MarketEvent> ring)
    {
        GaugeWithCallback.builder().name("zvt_ring_capacity_events").help("slots in the ring")
            .callback(cb -> cb.call(ring.getBufferSize())).register(registry);
        GaugeWithCallback.builder().name("zvt_ring_remaining_capacity_events")
            .help("free slots: events producers can publish before they wait for the slowest consumer")
            .callback(cb -> cb.call(ring.remainingCapacity())).register(registry);
        GaugeWithCallback.builder().name("zvt_ring_backlog_events")
            .help("events published that the slowest consumer has not yet taken")
            .callback(cb -> cb.call(ring.getBufferSize() - ring.remainingCapacity())).register(registry);
        return this;
    }

    /** The journal's files and its volume's use, read at scrape time (its appends are the registry's counters). */
    public NodeMetrics journal(final Path directory)
    {
        GaugeWithCallback.builder().name("zvt_journal_disk_bytes").help("bytes of the journal's cycle files")
            .unit(Unit.BYTES).callback(cb -> cb.call(JournalFiles.in(directory).bytesOnDisk())).register(registry);
        GaugeWithCallback.builder().name("zvt_journal_volume_free_bytes").unit(Unit.BYTES)
            .help("usable bytes left on the journal's volume")
            .callback(cb -> cb.call(usableSpace(directory))).register(registry);
        GaugeWithCallback.builder().name("zvt_journal_volume_size_bytes").unit(Unit.BYTES)
            .help("size of the journal's volume")
            .callback(cb -> cb.call(totalSpace(directory))).register(registry);
        return this;
    }

    /** The database writer's state, once it has started (null before, or with no database). */
    public NodeMetrics databaseWriter(final Supplier<DbWriterStatus> status)
    {
        sink("zvt_db_writer", "database writer", status::get);
        return this;
    }

    /** Redis's state flusher and stream sink: their state (their counts are the registry's). */
    public NodeMetrics redisWriter(final RedisWriter redis)
    {
        sink("zvt_redis_stream", "Redis stream sink", redis::streamStatus);
        GaugeWithCallback.builder().name("zvt_redis_state_connected").help("1 while the state flusher is connected")
            .callback(cb -> cb.call(redis.stateStatus().connected() ? 1 : 0)).register(registry);
        return this;
    }

    /** A gateway apart from the feeds: whether its reader of the Redis streams is connected. */
    public NodeMetrics redisStreamReader(final RedisStreamReader reader)
    {
        GaugeWithCallback.builder().name("zvt_redis_reader_connected").help("1 while the stream reader is connected")
            .callback(cb -> cb.call(reader.connected() ? 1 : 0)).register(registry);
        return this;
    }

    /** REST request durations (the gateway's counters are the registry's). */
    public NodeMetrics gateway(final GatewayCounters counters)
    {
        summary("zvt_gateway_rest_latency_seconds",
            "REST request durations, arrival to response (quantiles over the interval since the previous scrape)",
            List.of(counters.restLatency()), false);
        return this;
    }

    /** Each hop's latency: quantiles since the previous scrape, count and sum since start. */
    public NodeMetrics latencies(final HopLatencies latencies)
    {
        summary("zvt_hop_latency_seconds",
            "latency of each hop of the pipeline (quantiles over the interval since the previous scrape)",
            latencies.all(), true);
        return this;
    }

    private void summary(
        final String name, final String help, final List<HopLatency> latencies, final boolean byHop)
    {
        final SummaryWithCallback.Builder builder = SummaryWithCallback.builder().name(name).unit(Unit.SECONDS)
            .help(help);
        if (byHop)
        {
            builder.labelNames("hop");
        }
        builder.callback(cb ->
        {
            for (final HopLatency latency : latencies)
            {
                latency.read((count, nanos, interval) ->
                {
                    final Quantile[] quantiles = new Quantile[QUANTILES.length];
                    for (int i = 0; i < QUANTILES.length; i++)
                    {
                        quantiles[i] = new Quantile(QUANTILES[i], interval.getTotalCount() == 0 ? Double.NaN :
                            interval.getValueAtPercentile(QUANTILES[i] * 100) / NANOS_PER_SECOND);
                    }
                    if (byHop)
                    {
                        cb.call(count, nanos / NANOS_PER_SECOND, Quantiles.of(quantiles), latency.hop());
                    }
                    else
                    {
                        cb.call(count, nanos / NANOS_PER_SECOND, Quantiles.of(quantiles));
                    }
                });
            }
        }).register(registry);
    }

    private void sink(final String prefix, final String what, final Supplier<? extends SinkStatus> status)
    {
        GaugeWithCallback.builder().name(prefix + "_connected").help("1 while the " + what + " is connected")
            .callback(cb -> ifPresent(status.get(), s -> cb.call(s.connected() ? 1 : 0))).register(registry);
        GaugeWithCallback.builder().name(prefix + "_lag_entries")
            .help("journal entries not yet committed by the " + what)
            .callback(cb -> ifPresent(status.get(), s -> cb.call(s.lagEntries()))).register(registry);
        GaugeWithCallback.builder().name(prefix + "_lag_seconds").unit(Unit.SECONDS)
            .help("age of the last committed entry while the " + what + " is behind; 0 when caught up")
            .callback(cb -> ifPresent(status.get(), s -> cb.call(s.lagNanos() / NANOS_PER_SECOND))).register(registry);
    }

    private void gauge(
        final String name, final String help, final String label,
        final java.util.function.Consumer<GaugeWithCallback.Callback> callback)
    {
        GaugeWithCallback.builder().name(name).help(help).labelNames(label).callback(callback).register(registry);
    }

    private static <T> void ifPresent(final T value, final java.util.function.Consumer<T> action)
    {
        if (value != null)
        {
            action.accept(value);
        }
    }

    private static long staleBooks(final VenueFeed feed)
    {
        return feed.keepsBooks() ?
            feed.instruments().stream().filter(instrument -> !feed.isBookLive(instrument.id())).count() : 0;
    }

    private static String venue(final VenueFeed feed)
    {
        return feed.adapter().configName();
    }

    private static long usableSpace(final Path directory)
    {
        try
        {
            return Files.getFileStore(directory).getUsableSpace();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    private static long totalSpace(final Path directory)
    {
        try
        {
            return Files.getFileStore(directory).getTotalSpace();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }
}
