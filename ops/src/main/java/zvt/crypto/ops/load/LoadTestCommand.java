package zvt.crypto.ops.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.ops.config.NodeConfig;

/**
 * {@code loadtest}: the end-to-end load harness ({@link LoadRun}), once at {@code --rate} or stepping the rate up
 * with {@code --find-max} ({@link MaxRateSearch}). Everything goes under a new folder in {@code --out}: each run's
 * journal, embedded database, {@code <hop>.hgrm} files and {@code latency.svg}, and {@code summary.json}; the same
 * summary is the last line on stdout.
 */
@Command(name = "loadtest",
    description = "End-to-end load: simulators -> node (journal, database, Redis, gateway) -> WebSocket subscribers; " +
        "prints a JSON summary as the last line")
public final class LoadTestCommand implements Callable<Integer>
{
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    CommandSpec spec;

    @Option(names = "--rate", defaultValue = "2000",
        description = "market steps per second over all venues and symbols (a trade or a depth change each; " +
            "about 30%% are trades), split evenly over the venues")
    long rate;

    @Option(names = "--symbols", defaultValue = "2", description = "symbols per venue (at most 20)")
    int symbols;

    @Option(names = "--subscribers", defaultValue = "2", description = "WebSocket subscribers")
    int subscribers;

    @Option(names = "--subscriber-scope", defaultValue = "all",
        description = "what each subscriber takes: all (every venue's trades) or symbol (one venue's symbol each, " +
            "dealt round robin)")
    String subscriberScope;

    @Option(names = "--seconds", defaultValue = "30", description = "length of the measured window")
    int seconds;

    @Option(names = "--warmup", defaultValue = "10", description = "seconds of traffic before the window")
    int warmup;

    @Option(names = "--tick-ms", defaultValue = "" + BinanceSimulatorContext.TICK_INTERVAL_MS_DEFAULT,
        description = "how often each simulator sends what it generated since its last tick, in ms " +
            "(default: ${DEFAULT-VALUE})")
    long tickMs;

    @Option(names = "--venues", defaultValue = "binance,okx,bybit,coinbase", split = ",",
        description = "venues to simulate and connect to")
    List<String> venues;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the synthetic markets")
    long seed;

    @Option(names = "--out", defaultValue = "./data/loadtest",
        description = "folder for the results; each invocation writes a new subfolder")
    Path out;

    @Option(names = "--config",
        description = "node config file (db.url, redis.url, ring.*); default: built-in defaults, embedded PostgreSQL")
    Path config;

    @Option(names = "--find-max", description = "step the rate up from --rate until a run fails; report the highest")
    boolean findMax;

    @Option(names = "--step-factor", defaultValue = "1.5", description = "with --find-max: rate multiplier per step")
    double stepFactor;

    @Option(names = "--max-rate", defaultValue = "1000000", description = "with --find-max: stop at this rate")
    long maxRate;

    @Option(names = "--max-p99-ms", defaultValue = "100", description = "with --find-max: p99 limit of --p99-hop")
    double maxP99Ms;

    @Option(names = "--p99-hop", defaultValue = HopHistograms.RECEIVE_TO_SUBSCRIBER,
        description = "the hop --max-p99-ms limits")
    String p99Hop;

    public Integer call() throws Exception
    {
        final NodeConfig node = config == null ? NodeConfig.defaults(System.getenv()) :
            NodeConfig.load(config, System.getenv());
        final SubscriberScope scope = SubscriberScope.valueOf(subscriberScope.toUpperCase(Locale.ROOT));
        final LoadSettings settings =
            new LoadSettings(rate, symbols, subscribers, scope, warmup, seconds, tickMs, seed, venues, node);
        final Path folder = out.resolve(ZonedDateTime.now(ZoneOffset.UTC).format(FOLDER));
        Files.createDirectories(folder);
        final long p99LimitNanos = Math.round(maxP99Ms * TimeUnit.MILLISECONDS.toNanos(1));
        final Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("out", folder.toAbsolutePath().toString());
        if (findMax)
        {
            summary.put("findMax", MaxRateSearch.search(
                settings, stepFactor, maxRate, p99LimitNanos, p99Hop, folder, spec.commandLine().getErr()));
        }
        else
        {
            final LoadResult result = LoadRun.run(settings, folder.resolve("rate-" + rate), p99Hop);
            summary.put("lossless", result.lostOrDuplicated() == 0);
            summary.putAll(result.report());
        }
        final String json = new ObjectMapper().writeValueAsString(summary);
        Files.writeString(folder.resolve("summary.json"), json + System.lineSeparator());
        spec.commandLine().getOut().println(json);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
