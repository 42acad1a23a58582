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
 * Binance market on loopback, the node journals it under {@code --data-dir} and the gateway serves it.
 */
@Command(name = "demo", description = "Simulator + node + gateway on this machine; prints the URL to connect to")
public final class DemoCommand implements Callable<Integer>
{
    @Option(names = "--port", defaultValue = "8080", description = "gateway port (0 = any free port)")
    int port;

    @Option(names = "--data-dir", defaultValue = "./data/demo", description = "where the journal is written")
    Path dataDir;

    @Option(names = "--rate", defaultValue = "200", description = "simulated trades per second over all symbols")
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
            .with("gateway.port", Integer.toString(port))
            .with("venues", "binance")
            .with("binance.ws.url", simulator.webSocketUri())
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
