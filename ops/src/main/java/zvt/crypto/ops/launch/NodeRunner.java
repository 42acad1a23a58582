package zvt.crypto.ops.launch;

import java.net.URI;
import java.util.function.Consumer;

import org.agrona.concurrent.OffsetEpochNanoClock;
import zvt.crypto.ops.config.NodeConfig;

/**
 * Runs a node until SIGTERM or SIGINT, then closes it: feeds stop, the ring drains into the journal, the journal
 * closes cleanly, and the command returns (exit status 0).
 */
final class NodeRunner
{
    private NodeRunner()
    {
    }

    /** Role {@code all}: feeds, journal, sinks and gateway; role {@code gateway}: a gateway fed by Redis streams. */
    static RunningNode launch(final NodeConfig config)
    {
        final String role = config.get("node.role");
        return switch (role)
        {
            case "all" -> MarketDataNode.launch(config, new OffsetEpochNanoClock());
            case "gateway" -> RemoteGatewayNode.launch(config, new OffsetEpochNanoClock());
            default -> throw new IllegalArgumentException("node.role must be all or gateway: " + role);
        };
    }

    /** @param onStarted told the gateway's WebSocket URI once the node runs; prints what the command shows. */
    static void runUntilSignalled(
        final NodeConfig config, final Consumer<URI> onStarted, final AutoCloseable... extras)
        throws Exception
    {
        try (StopSignal stop = new StopSignal())
        {
            try (RunningNode node = launch(config))
            {
                onStarted.accept(node.gatewayUri());
                System.out.flush();
                stop.await();
            }
            finally
            {
                for (final AutoCloseable extra : extras)
                {
                    extra.close();
                }
            }
        }
    }
}
