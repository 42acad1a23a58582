package zvt.crypto.ops.launch;

import org.agrona.concurrent.OffsetEpochNanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.ops.config.NodeConfig;
import zvt.crypto.ops.metrics.AdminServer;
import zvt.crypto.ops.metrics.NodeMetrics;
import zvt.crypto.persistence.backfill.BackfillContext;
import zvt.crypto.persistence.backfill.BackfillLoader;
import zvt.crypto.persistence.backfill.BackfillResult;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code backfill}: the {@code loader} role (the platform's crypto-data-loader), run as a Kubernetes Job or CronJob.
 * Fetches one venue's REST klines for a symbol, interval and range and journals them as REST-sourced Candle events;
 * the database writer tailing that journal persists them — with {@code --persist}, this command runs that writer
 * itself until it has written everything journaled (the Job's one-pod form). Re-running the same command resumes after the last candle
 * journaled, so a Job that is killed and restarted neither loses nor repeats candles. SIGTERM stops after the page
 * in progress, drains the ring into the journal and exits with status 2 (incomplete; run again to continue).
 */
@Command(name = "backfill", description = "Backfill historical candles from a venue's REST API into the journal " +
    "(role loader); resumable")
public final class BackfillCommand implements Callable<Integer>
{
    @Option(names = "--venue", required = true, description = "binance, okx, bybit or coinbase")
    String venue;

    @Option(names = "--symbol", required = true, description = "normalized BASE-QUOTE symbol, e.g. BTC-USDT")
    String symbol;

    @Option(names = "--interval", defaultValue = "1m", description = "1m, 5m, 15m, 1h, 1d … (default 1m)")
    String interval;

    @Option(names = "--from", required = true, converter = EpochMillis.class,
        description = "first open time: 2024-01-01, 2024-01-01T00:00:00Z or epoch milliseconds")
    Long from;

    @Option(names = "--to", converter = EpochMillis.class,
        description = "end of the range, exclusive (default: now); same formats as --from")
    Long to;

    @Option(names = "--config", description = "config file; journal.dir and <venue>.rest.url are read from it")
    Path config;

    @Option(names = "--journal-dir", description = "journal directory (default: journal.dir of the config)")
    Path journalDir;

    @Option(names = "--base-url", description = "the venue's REST base address (default: production, or " +
        "<venue>.rest.url of the config); http://host:port for the simulator")
    String baseUrl;

    @Option(names = "--max-attempts", defaultValue = "8", description = "attempts per page before giving up")
    int maxAttempts;

    @Option(names = "--persist", description = "then write the journal into the database (db.* of the config) " +
        "with the node's writer and exit once it has caught up")
    boolean persist;

    @Option(names = "--admin-port", description = "serve /metrics and /health on this port while the backfill " +
        "runs (0: any free port; default: none)")
    Integer adminPort;

    @Option(names = "--admin-host", defaultValue = "127.0.0.1",
        description = "address of the admin port (default: ${DEFAULT-VALUE}; 0.0.0.0 in a pod)")
    String adminHost;

    public Integer call() throws Exception
    {
        final NodeConfig nodeConfig = NodeConfig.load(config, System.getenv());
        final Venue parsedVenue = Venue.valueOf(venue.trim().toUpperCase(Locale.ROOT));
        final CandleInterval parsedInterval = CandleIntervals.parse(interval);
        final String configuredUrl =
            nodeConfig.asMap().getOrDefault(venue.trim().toLowerCase(Locale.ROOT) + ".rest.url", "").trim();
        final Path journalDirectory = journalDir != null ? journalDir : nodeConfig.getPath("journal.dir");
        final CountersRegistry counters = new CountersRegistry();
        final BackfillLoader loader = new BackfillLoader(new BackfillContext()
            .counters(counters)
            .venue(parsedVenue)
            .symbol(symbol)
            .interval(parsedInterval)
            .fromMs(from)
            .toMs(to == null ? System.currentTimeMillis() : to)
            .baseUri(baseUrl != null ? baseUrl : configuredUrl)
            .journalDirectory(journalDirectory)
            .maxAttempts(maxAttempts));

        // The loader stops between pages and drains into the journal; the command then returns, exit 2.
        try (StopSignal ignored = new StopSignal(loader::stop);
            AdminServer admin = adminPort == null ? null : AdminServer.launch(adminHost, adminPort,
                new NodeMetrics(counters).source()))
        {
            if (admin != null)
            {
                System.out.println("admin: " + admin.metricsUri());
                System.out.flush();
            }
            final BackfillResult result = loader.run();
            System.out.println("backfill " + result.venue() + " " + result.symbol() + " " +
                CandleIntervals.shortName(result.interval()) + ": " + result.candles() + " candles journaled in " +
                result.pages() + " pages (" + result.requests() + " requests, " + result.retries() + " retries), " +
                "from " + Instant.ofEpochMilli(result.resumedFromMs()) + (result.completed() ? ", complete" :
                ", stopped at " + Instant.ofEpochMilli(result.nextFromMs()) + "; run again to continue"));
            if (persist)
            {
                persist(nodeConfig, journalDirectory);
            }
            return result.completed() ? 0 : 2;
        }
    }

    /** The one path into the database: the node's writer tails the journal the loader wrote, then drains. */
    private static void persist(final NodeConfig nodeConfig, final Path journalDirectory)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(journalDirectory));
            NodeDatabase database = NodeDatabase.open(nodeConfig, journal, new OffsetEpochNanoClock(), System.getenv()))
        {
            if (database == null)
            {
                throw new IllegalArgumentException("--persist needs db.enabled=true");
            }
        }
    }

    /** {@code --from} and {@code --to}: {@code 2024-01-01} (UTC midnight), an ISO-8601 instant or epoch millis. */
    static final class EpochMillis implements ITypeConverter<Long>
    {
        public Long convert(final String text)
        {
            final String value = text.trim();
            try
            {
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit))
                {
                    return Long.parseLong(value);
                }
                if (value.length() == 10)
                {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                }
                return Instant.parse(value).toEpochMilli();
            }
            catch (final DateTimeParseException | NumberFormatException ex)
            {
                throw new TypeConversionException("'" + text + "' is not a time: use a UTC date (2024-01-01), an " +
                    "ISO-8601 instant (2024-01-01T00:00:00Z) or epoch milliseconds (1704067200000)");
            }
        }
    }
}
