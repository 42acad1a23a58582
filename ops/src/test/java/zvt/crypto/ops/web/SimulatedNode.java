package zvt.crypto.ops.web;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.agrona.CloseHelper;
import org.agrona.concurrent.SystemEpochNanoClock;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.VenueSimulators;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueRegistry;
import zvt.crypto.ops.config.NodeConfig;
import zvt.crypto.ops.launch.MarketDataNode;

/**
 * A node like the demo's, in this JVM: a simulator per venue on loopback, the node connected to them, the real
 * PostgreSQL (a schema of its own) and Redis (keys under a prefix of its own), the gateway on a free port.
 */
final class SimulatedNode implements AutoCloseable
{
    private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final long MESSAGES_PER_SECOND = 200;

    final VenueSimulators simulators;
    final MarketDataNode node;

    private SimulatedNode(final VenueSimulators simulators, final MarketDataNode node)
    {
        this.simulators = simulators;
        this.node = node;
    }

    /** @param settings node settings over the defaults here (e.g. the gateway's auth). */
    static SimulatedNode start(final List<Venue> venues, final Path directory, final Map<String, String> settings)
    {
        final VenueSimulators simulators = VenueSimulators.launch(venues, new BinanceSimulatorContext().port(0)
            .seed(42).messagesPerSecond(MESSAGES_PER_SECOND));
        try
        {
            NodeConfig config = NodeConfig.defaults(Map.of())
                .with("journal.dir", directory.resolve("journal").toString())
                .with("gateway.port", "0")
                .with("db.url", DB_URL)
                .with("db.schema", "web_" + Long.toHexString(System.nanoTime()))
                .with("redis.url", "redis://127.0.0.1:6379")
                .with("redis.key.prefix", "test-web-" + UUID.randomUUID())
                .with("venues", String.join(",", venues.stream().map(SimulatedNode::configName).toList()));
            for (final Venue venue : venues)
            {
                for (final Map.Entry<String, String> setting : simulators.feedSettings(venue).entrySet())
                {
                    config = config.with(configName(venue) + "." + setting.getKey(), setting.getValue());
                }
            }
            for (final Map.Entry<String, String> setting : settings.entrySet())
            {
                config = config.with(setting.getKey(), setting.getValue());
            }
            return new SimulatedNode(simulators, MarketDataNode.launch(config, new SystemEpochNanoClock()));
        }
        catch (final RuntimeException ex)
        {
            simulators.close();
            throw ex;
        }
    }

    /** The gateway's HTTP root, e.g. {@code http://127.0.0.1:34567}: the web page is at {@code /}. */
    String http()
    {
        final URI webSocket = node.gatewayUri();
        return "http://" + webSocket.getHost() + ":" + webSocket.getPort();
    }

    public void close()
    {
        CloseHelper.closeAll(node, simulators);
    }

    private static String configName(final Venue venue)
    {
        final VenueAdapter adapter = VenueRegistry.byName(venue.name().toLowerCase(Locale.ROOT));
        return adapter.configName();
    }
}
