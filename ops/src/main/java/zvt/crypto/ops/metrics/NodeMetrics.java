package zvt.crypto.ops.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonGenerator;
import com.lmax.disruptor.RingBuffer;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.Unit;

import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.latency.HopLatencies;
import zvt.crypto.core.latency.HopLatency;
import zvt.crypto.feed.connection.DecodeError;
import zvt.crypto.feed.runner.VenueFeed;
import zvt.crypto.gateway.GatewayCounters;
import zvt.crypto.gateway.MetricsSource;
import zvt.crypto.gateway.Rejection;
import zvt.crypto.gateway.auth.AuthRefusal;
import zvt.crypto.journal.JournalEventHandler;
import zvt.crypto.journal.JournalFiles;
import zvt.crypto.persistence.backfill.BackfillProgress;
import zvt.crypto.persistence.redis.RedisStreamReader;
import zvt.crypto.persistence.redis.RedisWriter;
import zvt.crypto.persistence.sink.SinkStatus;
import zvt.crypto.persistence.writer.DbWriterStatus;

/**
 * Every metric the node exports, defined once here, each read at scrape time from the counter the pipeline already
 * keeps (plain or release-written fields, HdrHistogram recorders): recording costs the hot path nothing extra.
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

    public NodeMetrics()
    {
        JvmMetrics.builder().register(registry);
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

    /** Per venue: connection, frames, bytes, events, decode errors by reason, gaps, resyncs, reconnects, staleness. */
    public NodeMetrics feeds(final List<VenueFeed> feeds)
    {
        gauge("zvt_feed_connected", "1 while the venue feed has a session open", "venue",
            (cb) -> feeds.forEach(feed -> cb.call(feed.isConnected() ? 1 : 0, venue(feed))));
        counter("zvt_feed_frames", "WebSocket data frames received", "venue",
            (cb) -> feeds.forEach(feed -> cb.call(feed.counters().frames(), venue(feed))));
        counter("zvt_feed_received_bytes", "payload bytes of the data frames received", "venue",
            (cb) -> feeds.forEach(feed -> cb.call(feed.counters().frameBytes(), venue(feed))));
        counter("zvt_feed_events", "market-data frames decoded and accepted", "venue",
            (cb) -> feeds.forEach(feed -> cb.call(feed.counters().events(), venue(feed))));
        counter("zvt_feed_ignored_frames", "frames understood but not published (control replies, other types)",
            "venue", (cb) -> feeds.forEach(feed -> cb.call(feed.counters().ignored(), venue(feed))));
        counter("zvt_feed_reconnects", "reconnects scheduled after a lost connection or failed attempt", "venue",
            (cb) -> feeds.forEach(feed -> cb.call(feed.counters().reconnects(), venue(feed))));
        counter("zvt_feed_book_gaps", "sequence gaps detected in venue books", "venue",
            (cb) -> feeds.forEach(feed -> cb.call(feed.syncCounters().gaps(), venue(feed))));
        counter("zvt_feed_book_resyncs", "books rebuilt from a fresh snapshot", "venue",
            (cb) -> feeds.forEach(feed -> cb.call(feed.syncCounters().resyncs(), venue(feed))));
        counter("zvt_feed_duplicates", "duplicate updates dropped across overlapping connections", "venue",
            (cb) -> feeds.forEach(feed -> cb.call(feed.syncCounters().duplicates(), venue(feed))));
        gauge("zvt_feed_books_stale", "books of the venue not good now (stale, or waiting for a snapshot)", "venue",
            (cb) -> feeds.forEach(feed -> cb.call(staleBooks(feed), venue(feed))));
        CounterWithCallback.builder().name("zvt_feed_decode_errors")
            .help("frames rejected as malformed, by reason").labelNames("venue", "reason")
            .callback(cb -> feeds.forEach(feed ->
            {
                for (final DecodeError reason : feed.decodeErrors().reasons())
                {
                    cb.call(feed.decodeErrors().count(reason), venue(feed), label(reason.name()));
                }
            }))
            .register(registry);
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

    /** Appends, bytes, and the journal volume's use. */
    public NodeMetrics journal(final Path directory, final JournalEventHandler journal)
    {
        CounterWithCallback.builder().name("zvt_journal_appended_events").help("events appended to the journal")
            .callback(cb -> cb.call(journal.appendedEvents())).register(registry);
        CounterWithCallback.builder().name("zvt_journal_appended_bytes").help("event bytes appended to the journal")
            .callback(cb -> cb.call(journal.appendedBytes())).register(registry);
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

    /** The database writer, once it has started (null before, or with no database). */
    public NodeMetrics databaseWriter(final Supplier<DbWriterStatus> status)
    {
        sink("zvt_db_writer", "database writer", status::get);
        CounterWithCallback.builder().name("zvt_db_writer_rows").help("rows inserted or updated")
            .callback(cb -> ifPresent(status.get(), s -> cb.call(s.rowsWritten()))).register(registry);
        CounterWithCallback.builder().name("zvt_db_writer_skipped_events")
            .help("events skipped (no instrument definition, undecodable, other candle intervals)")
            .callback(cb -> ifPresent(status.get(), s -> cb.call(s.skippedEvents()))).register(registry);
        return this;
    }

    /** Redis's state flusher and stream sink. */
    public NodeMetrics redisWriter(final RedisWriter redis)
    {
        sink("zvt_redis_stream", "Redis stream sink", redis::streamStatus);
        GaugeWithCallback.builder().name("zvt_redis_state_connected").help("1 while the state flusher is connected")
            .callback(cb -> cb.call(redis.stateStatus().connected() ? 1 : 0)).register(registry);
        CounterWithCallback.builder().name("zvt_redis_state_writes").help("instrument hashes written")
            .callback(cb -> cb.call(redis.stateStatus().instrumentsWritten())).register(registry);
        CounterWithCallback.builder().name("zvt_redis_state_failures").help("failed connects and flushes")
            .callback(cb -> cb.call(redis.stateStatus().failures())).register(registry);
        CounterWithCallback.builder().name("zvt_redis_state_queue_full")
            .help("changes the ring consumer could not queue (the queue held too many instruments)")
            .callback(cb -> cb.call(redis.ringHandler().queueFull())).register(registry);
        return this;
    }

    /** A gateway apart from the feeds: its reader of the Redis streams. */
    public NodeMetrics redisStreamReader(final RedisStreamReader reader)
    {
        GaugeWithCallback.builder().name("zvt_redis_reader_connected").help("1 while the stream reader is connected")
            .callback(cb -> cb.call(reader.connected() ? 1 : 0)).register(registry);
        CounterWithCallback.builder().name("zvt_redis_reader_entries").help("stream entries handed to the fan-out")
            .callback(cb -> cb.call(reader.delivered())).register(registry);
        return this;
    }

    /** Sessions, messages, refusals by reason, REST responses by route and status. */
    public NodeMetrics gateway(final GatewayCounters counters)
    {
        GaugeWithCallback.builder().name("zvt_gateway_sessions").help("WebSocket sessions open")
            .callback(cb -> cb.call(counters.sessionsOpen())).register(registry);
        CounterWithCallback.builder().name("zvt_gateway_sessions_opened").help("WebSocket sessions opened")
            .callback(cb -> cb.call(counters.sessionsOpened())).register(registry);
        CounterWithCallback.builder().name("zvt_gateway_messages_sent").help("messages handed to sessions")
            .callback(cb -> cb.call(counters.messagesSent())).register(registry);
        GaugeWithCallback.builder().name("zvt_gateway_subscriptions").help("subscriptions held by open sessions")
            .callback(cb -> cb.call(counters.subscriptions())).register(registry);
        CounterWithCallback.builder().name("zvt_gateway_conflated_messages")
            .help("top and book messages held back from lagging sessions (the latest state follows)")
            .callback(cb -> cb.call(counters.conflatedMessages())).register(registry);
        CounterWithCallback.builder().name("zvt_gateway_disconnects").help("sessions closed by the gateway, by reason")
            .labelNames("reason")
            .callback(cb -> cb.call(counters.slowConsumerDisconnects(), "slow_consumer")).register(registry);
        CounterWithCallback.builder().name("zvt_gateway_rejections").help("control requests refused, by code")
            .labelNames("reason")
            .callback(cb ->
            {
                final Map<String, Long> byCode = new TreeMap<>(); // several rejections share a wire code
                for (final Rejection rejection : Rejection.values())
                {
                    byCode.merge(rejection.code(), counters.rejectedRequests(rejection), Long::sum);
                }
                byCode.forEach((code, count) -> cb.call(count, code));
            })
            .register(registry);
        CounterWithCallback.builder().name("zvt_gateway_auth_refusals").help("connections and requests refused by auth")
            .labelNames("reason")
            .callback(cb ->
            {
                for (final AuthRefusal refusal : AuthRefusal.values())
                {
                    cb.call(counters.authRefusals(refusal), label(refusal.name()));
                }
            })
            .register(registry);
        CounterWithCallback.builder().name("zvt_gateway_rest_responses").help("REST responses by route and status")
            .labelNames("route", "status")
            .callback(cb -> counters.restResponses().forEach((key, count) ->
                cb.call(count, key.route(), Integer.toString(key.status()))))
            .register(registry);
        CounterWithCallback.builder().name("zvt_gateway_rest_cache_blocks")
            .help("blocks of rendered candles the REST cache found (hit), read from the database (miss) or evicted")
            .labelNames("outcome")
            .callback(cb ->
            {
                cb.call(counters.restCacheHits(), "hit");
                cb.call(counters.restCacheMisses(), "miss");
                cb.call(counters.restCacheEvictions(), "eviction");
            })
            .register(registry);
        summary("zvt_gateway_rest_latency_seconds",
            "REST request durations, arrival to response (quantiles over the interval since the previous scrape)",
            List.of(counters.restLatency()), false);
        return this;
    }

    /** A backfill run (role loader): candles, pages, requests, retries and how far it has come. */
    public NodeMetrics backfill(final String venue, final String interval, final BackfillProgress progress)
    {
        CounterWithCallback.builder().name("zvt_backfill_candles").help("REST candles journaled by the backfill")
            .labelNames("venue", "interval").callback(cb -> cb.call(progress.candles(), venue, interval))
            .register(registry);
        CounterWithCallback.builder().name("zvt_backfill_pages").help("pages of candles fetched and journaled")
            .labelNames("venue", "interval").callback(cb -> cb.call(progress.pages(), venue, interval))
            .register(registry);
        CounterWithCallback.builder().name("zvt_backfill_requests").help("REST requests sent, by outcome")
            .labelNames("venue", "interval", "outcome")
            .callback(cb -> ifPresent(progress.rest(), rest ->
            {
                cb.call(rest.attempts(), venue, interval, "sent");
                cb.call(rest.retries(), venue, interval, "retried");
                cb.call(rest.throttled(), venue, interval, "throttled");
                cb.call(rest.failures(), venue, interval, "failed");
            }))
            .register(registry);
        GaugeWithCallback.builder().name("zvt_backfill_position_seconds").unit(Unit.SECONDS)
            .help("end of the last window journaled, as epoch seconds").labelNames("venue", "interval")
            .callback(cb -> cb.call(progress.positionMs() / 1000.0, venue, interval)).register(registry);
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
        CounterWithCallback.builder().name(prefix + "_batches").help("batches the " + what + " committed")
            .callback(cb -> ifPresent(status.get(), s -> cb.call(s.batches()))).register(registry);
        CounterWithCallback.builder().name(prefix + "_batched_items").help("items in the " + what + "'s batches")
            .callback(cb -> ifPresent(status.get(), s -> cb.call(s.rowsStaged()))).register(registry);
        CounterWithCallback.builder().name(prefix + "_failures").help("failed connects and batches of the " + what)
            .callback(cb -> ifPresent(status.get(), s -> cb.call(s.failures()))).register(registry);
    }

    private void counter(
        final String name, final String help, final String label,
        final java.util.function.Consumer<CounterWithCallback.Callback> callback)
    {
        CounterWithCallback.builder().name(name).help(help).labelNames(label).callback(callback).register(registry);
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

    private static String label(final String name)
    {
        return name.toLowerCase(Locale.ROOT);
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
