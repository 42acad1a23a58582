package zvt.crypto.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.knowm.xchange.currency.CurrencyPair;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.SimulatorCounters;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.VenueSimulator;
import zvt.crypto.feed.simulator.binance.BinanceProtocol;
import zvt.crypto.ops.config.NodeConfig;
import zvt.crypto.ops.load.LoadResult;
import zvt.crypto.ops.load.LoadRun;
import zvt.crypto.ops.load.LoadSettings;
import zvt.crypto.ops.load.ProcessCost;
import zvt.crypto.ops.load.SubscriberScope;

/**
 * Ours beside XChange, in one JVM, one after the other at each rate, against the same Binance simulator
 * configuration (seed, rate, symbols):
 * <ul>
 *   <li>ours: the load harness ({@link LoadRun}) on Binance alone, subscribed to the peer's streams (trades and
 *       100 ms depth diffs): simulator → node (journal, books, gateway, and the database and Redis as the
 *       {@code config} file names them; neither without one) → two WebSocket subscribers;</li>
 *   <li>the peer: XChange's streaming Binance client ({@link XChangePeer}), trades and order books per symbol.</li>
 * </ul>
 * Each reports CPU seconds per million messages the simulator delivered in the window (the process's CPU minus the
 * simulator's and our subscribers' threads; the JIT and GC count for the side measured; ours also with the CPU the
 * local PostgreSQL and Redis servers spent for it) and the simulator trade time → subscriber latency. A side keeps up
 * at a rate when it received at least 99 % of the window's trades and that latency's p99 stayed under a second. The
 * peer can leave trades and books uncounted only at the window's edges, so the 99 % is its bar; ours must also be
 * exact (the harness's loss check).
 * <p>
 * {@code java -cp benchmarks.jar zvt.crypto.bench.load.PeerSideBySide [rates=1000,2000,4000] [seconds=20]
 * [warmup=10] [symbols=2] [config=node.properties] [out=./data/peer]}; one JSON line per side and rate, the
 * summary last.
 */
public final class PeerSideBySide
{
    private static final long KEEP_UP_P99_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final double KEEP_UP_SHARE = 0.99;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PeerSideBySide()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> options = new LinkedHashMap<>(Map.of(
            "rates", "1000,2000,4000", "seconds", "20", "warmup", "10", "symbols", "2", "out", "./data/peer"));
        for (final String arg : args)
        {
            final String[] pair = arg.split("=", 2);
            options.put(pair[0], pair[1]);
        }
        final int seconds = Integer.parseInt(options.get("seconds"));
        final int warmup = Integer.parseInt(options.get("warmup"));
        final int symbols = Integer.parseInt(options.get("symbols"));
        // the peer's streams only (trades and 100 ms depth diffs), so both sides get the same messages
        final NodeConfig node = (options.containsKey("config") ?
            NodeConfig.load(Path.of(options.get("config")), System.getenv()) :
            NodeConfig.defaults(Map.of()).with("db.enabled", "false"))
            .with("binance.channels", "trade,depth@100ms");
        final Path out = Path.of(options.get("out"))
            .resolve(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(out);
        final List<Object> rows = new ArrayList<>();
        long oursHighest = 0;
        long peerHighest = 0;
        for (final long rate : Arrays.stream(options.get("rates").split(",")).mapToLong(Long::parseLong).toArray())
        {
            // a journal of its own per run, also where a rate repeats (a warm-up round)
            final Path directory = out.resolve("ours-" + (rows.size() + 1) + "-" + rate);
            final Map<String, Object> ours = ours(node, rate, symbols, warmup, seconds, directory);
            System.out.println(JSON.writeValueAsString(ours));
            final Map<String, Object> peer = peer(rate, symbols, warmup, seconds);
            System.out.println(JSON.writeValueAsString(peer));
            oursHighest = Boolean.TRUE.equals(ours.get("keepsUp")) ? Math.max(oursHighest, rate) : oursHighest;
            peerHighest = Boolean.TRUE.equals(peer.get("keepsUp")) ? Math.max(peerHighest, rate) : peerHighest;
            rows.add(Map.of("stepsPerSecond", rate, "ours", ours, "peer", peer));
        }
        final Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("oursHighestStepsPerSecondKeptUp", oursHighest);
        summary.put("peerHighestStepsPerSecondKeptUp", peerHighest);
        summary.put("rates", rows);
        final String json = JSON.writeValueAsString(summary);
        Files.writeString(out.resolve("peer-summary.json"), json + System.lineSeparator());
        System.out.println(json);
        System.exit(0);
    }

    private static Map<String, Object> ours(
        final NodeConfig node, final long rate, final int symbols, final int warmup, final int seconds,
        final Path directory) throws Exception
    {
        final LoadResult result = LoadRun.run(
            new LoadSettings(rate, symbols, 2, SubscriberScope.ALL, warmup, seconds,
                BinanceSimulatorContext.TICK_INTERVAL_MS_DEFAULT, 42, List.of("binance"), node),
            directory, "exchange_to_subscriber");
        final JsonNode report = JSON.valueToTree(result.report());
        final double offered = report.at("/rate/offeredMessagesPerSecond").asDouble() * seconds;
        final double cpu = report.at("/cost/processCpuSeconds").asDouble() -
            report.at("/cost/threads/simulators/cpuSeconds").asDouble() -
            report.at("/cost/threads/subscribers/cpuSeconds").asDouble();
        final JsonNode subscriber = report.at("/counts/trades/subscribers/0");
        final Map<String, Object> side = new LinkedHashMap<>();
        side.put("side", "ours");
        side.put("stepsPerSecond", rate);
        side.put("offeredMessages", Math.round(offered));
        side.put("cpuSecondsPerMillionMessages", ProcessCost.round(cpu / (offered / 1e6)));
        double servers = 0;
        for (final JsonNode server : report.at("/cost/localServersCpuSeconds"))
        {
            servers += server.asDouble();
        }
        side.put("withLocalServersCpuSecondsPerMillionMessages", ProcessCost.round((cpu + servers) / (offered / 1e6)));
        side.put("tradesDelivered", subscriber.get("delivered").asLong());
        side.put("tradesLostOrDuplicated", result.lostOrDuplicated());
        side.put("exchangeToSubscriberP99us", report.at("/latency/exchange_to_subscriber/p99us").asDouble());
        side.put("keepsUp", result.lostOrDuplicated() == 0 && result.offeredShare() >= 0.9 &&
            result.p99Nanos() < KEEP_UP_P99_NANOS);
        return side;
    }

    private static Map<String, Object> peer(final long rate, final int symbols, final int warmup, final int seconds)
        throws Exception
    {
        final List<CurrencyPair> pairs = List.of(CurrencyPair.BTC_USDT, CurrencyPair.ETH_USDT,
            new CurrencyPair("SOL", "USDT"), new CurrencyPair("XRP", "USDT"), new CurrencyPair("BNB", "USDT"))
            .subList(0, symbols);
        try (VenueSimulator simulator = VenueSimulator.launch(
            new BinanceSimulatorContext().port(0).seed(42).messagesPerSecond(rate), new BinanceProtocol()))
        {
            final XChangePeer peer = XChangePeer.connect(simulator.webSocketUri() + "/", simulator.restUri(), pairs);
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
            peer.exchangeToSubscriber();
            final SimulatorCounters counters = simulator.counters();
            final long offeredStart = counters.messagesDelivered();
            final long tradesStart = counters.delivered(StreamKind.TRADE);
            final long peerTradesStart = peer.trades();
            final long peerBooksStart = peer.books();
            final ProcessCost costStart = ProcessCost.sample();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            final ProcessCost costEnd = ProcessCost.sample();
            final long offered = counters.messagesDelivered() - offeredStart;
            final long trades = counters.delivered(StreamKind.TRADE) - tradesStart;
            final long peerTrades = peer.trades() - peerTradesStart;
            final long peerBooks = peer.books() - peerBooksStart;
            final Histogram latency = peer.exchangeToSubscriber();
            peer.close();
            final JsonNode cost = JSON.valueToTree(costStart.until(costEnd, offered));
            final double cpu = cost.get("processCpuSeconds").asDouble() -
                cost.at("/threads/simulators/cpuSeconds").asDouble();
            final Map<String, Object> side = new LinkedHashMap<>();
            side.put("side", "xchange");
            side.put("stepsPerSecond", rate);
            side.put("offeredMessages", offered);
            side.put("cpuSecondsPerMillionMessages", ProcessCost.round(cpu / (offered / 1e6)));
            side.put("tradesOffered", trades);
            side.put("tradesReceived", peerTrades);
            side.put("booksEmitted", peerBooks);
            side.put("errors", peer.errors());
            side.put("exchangeToSubscriberP99us", ProcessCost.round(latency.getValueAtPercentile(99) / 1000.0));
            side.put("keepsUp", peer.errors() == 0 && peerTrades >= KEEP_UP_SHARE * trades &&
                latency.getValueAtPercentile(99) < KEEP_UP_P99_NANOS);
            return side;
        }
    }
}
