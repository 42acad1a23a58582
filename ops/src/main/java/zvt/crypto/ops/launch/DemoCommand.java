package zvt.crypto.ops.launch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.VenueSimulators;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueRegistry;
import zvt.crypto.ops.config.NodeConfig;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code demo}: the whole pipeline on one machine with nothing installed. A simulator per venue generates a seeded
 * market in that venue's own protocol on loopback, the node connects to every one of them with the venue's default
 * symbols and channels, journals under {@code --data-dir}, the gateway serves it, and the database writer stores it
 * in PostgreSQL: the one at {@code ZVT_DB_URL}, or an embedded one under {@code --data-dir}.
 */
@Command(name = "demo",
    description = "Venue simulators + node + gateway on this machine; prints the web page's and the WebSocket's URLs")
public final class DemoCommand implements Callable<Integer>
{
    /** Apart from a node's {@code ./data}: simulated markets never mix with recorded ones. */
    public static final String DEFAULT_DATA_DIR = "./data/demo";

    @Option(names = "--port", defaultValue = "8080", description = "gateway port (0 = any free port)")
    int port;

    @Option(names = "--data-dir", defaultValue = DEFAULT_DATA_DIR,
        description = "where the journal (<dir>/journal; the journal tools read it by default when ./data/journal " +
            "does not exist) and, with no db.url configured, the embedded PostgreSQL (<dir>/postgres) are written")
    Path dataDir;

    @Option(names = "--rate", defaultValue = "500",
        description = "simulated market steps per second and venue (about 30%% are trades, the rest book changes)")
    long rate;

    @Option(names = "--venues", defaultValue = "binance,okx,bybit,coinbase", split = ",",
        description = "venues to simulate and connect to")
    List<String> venues;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the synthetic markets")
    long seed;

    public Integer call() throws Exception
    {
        final List<VenueAdapter> adapters = venues.stream().map(VenueRegistry::byName).toList();
        final List<Venue> simulated = adapters.stream().map(VenueAdapter::venue).toList();
        final VenueSimulators simulators = VenueSimulators.launch(simulated, new BinanceSimulatorContext()
            .port(0)
            .seed(seed)
            .messagesPerSecond(rate));
        NodeConfig config = NodeConfig.defaults(System.getenv())
            .with("journal.dir", dataDir.resolve("journal").toString())
            .with("db.embedded.dir", dataDir.resolve("postgres").toString())
            .with("gateway.port", Integer.toString(port))
            // A local playground: no credential, any origin (a browser page on another port may connect).
            .with("gateway.auth.enabled", "false")
            .with("gateway.auth.allowed.origins", "*")
            .with("venues", String.join(",", adapters.stream().map(VenueAdapter::configName).toList()));
        for (final VenueAdapter adapter : adapters)
        {
            for (final var setting : simulators.feedSettings(adapter.venue()).entrySet())
            {
                config = config.with(adapter.configName() + "." + setting.getKey(), setting.getValue());
            }
        }
        final NodeConfig node = config;
        NodeRunner.runUntilSignalled(node, gateway ->
        {
            for (final VenueAdapter adapter : adapters)
            {
                System.out.println("zvt-crypto demo: simulated " + adapter.venue() + " at " +
                    simulators.webSocketUri(adapter.venue()) + ", symbols " +
                    node.section(adapter.configName()).get("symbols"));
            }
            System.out.println("journal in " + dataDir.resolve("journal"));
            final VenueAdapter first = adapters.getFirst();
            System.out.println("subscribe with: {\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"" +
                first.venue() + "\",\"symbol\":\"" +
                Arrays.stream(node.section(first.configName()).get("symbols").split(",")).findFirst().orElseThrow() +
                "\"}");
            System.out.print(banner(gateway, ProcessHandle.current().pid()));
        }, simulators);
        return 0;
    }

    /** Printed last, so it is what the terminal shows: where to look, and how to stop it cleanly. */
    static String banner(final URI webSocket, final long pid)
    {
        final String http = "http://" + webSocket.getHost() + ":" + webSocket.getPort();
        final String rule = "=".repeat(78);
        return String.join(System.lineSeparator(),
            "",
            rule,
            "  zvt-crypto demo is running",
            "  web page   " + http + "/",
            "  WebSocket  " + webSocket,
            "  health     " + http + "/health",
            "  stop       Ctrl-C in this terminal; a background run: kill -TERM " + pid +
                " (SIGTERM: a background job ignores SIGINT)",
            rule,
            "");
    }
}
