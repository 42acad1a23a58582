package zvt.crypto.ops.launch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import zvt.crypto.feed.simulator.BinanceSimulator;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.ops.config.NodeConfig;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code demo}: the whole pipeline on one machine with nothing installed. A venue simulator generates a seeded
 * Binance market on loopback, the node journals it under {@code --data-dir}, the gateway serves it, and the database
 * writer stores it in PostgreSQL: the one at {@code ZVT_DB_URL}, or an embedded one under {@code --data-dir}.
 */
@Command(name = "demo", description = "Simulator + node + gateway on this machine; prints the URL to connect to")
public final class DemoCommand implements Callable<Integer>
{
    private static final String DEMO_CHANNELS = "trade,bookTicker,depth@100ms,kline_1m";

    @Option(names = "--port", defaultValue = "8080", description = "gateway port (0 = any free port)")
    int port;

    @Option(names = "--data-dir", defaultValue = "./data/demo",
        description = "where the journal (and, with no db.url configured, the embedded PostgreSQL) is written")
    Path dataDir;

    @Option(names = "--rate", defaultValue = "500",
        description = "simulated market steps per second over all symbols (about 30% are trades, the rest book changes)")
    long rate;

    @Option(names = "--symbols", defaultValue = "BTC-USDT,ETH-USDT", description = "symbols to simulate")
    String symbols;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the synthetic market")
    long seed;

    public Integer call() throws Exception
    {
        final BinanceSimulator simulator = BinanceSimulator.launch(new BinanceSimulatorContext()
            .port(0)
            .seed(seed)
            .messagesPerSecond(rate));
        final NodeConfig config = NodeConfig.defaults(System.getenv())
            .with("journal.dir", dataDir.resolve("journal").toString())
            .with("db.embedded.dir", dataDir.resolve("postgres").toString())
            .with("gateway.port", Integer.toString(port))
            .with("venues", "binance")
            .with("binance.ws.url", simulator.webSocketUri())
            .with("binance.rest.url", simulator.restUri())
            .with("binance.channels", DEMO_CHANNELS)
            .with("binance.symbols", symbols);
        NodeRunner.runUntilSignalled(config, () ->
        {
            System.out.println("zvt-crypto demo: simulated Binance at " + simulator.webSocketUri() +
                ", journal in " + dataDir.resolve("journal"));
            System.out.println("subscribe with: {\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"BINANCE\"," +
                "\"symbol\":\"" + symbols.split(",")[0].trim() + "\"}");
        }, simulator);
        return 0;
    }
}
