package zvt.crypto.ops.launch;

import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.ShutdownSignalBarrier;
import zvt.crypto.ops.config.NodeConfig;

/**
 * Runs a node until SIGTERM or SIGINT, then closes it: feeds stop, the ring drains into the journal, the journal
 * closes cleanly. The JVM exits only after that completes.
 */
final class NodeRunner
{
    private NodeRunner()
    {
    }

    static void runUntilSignalled(final NodeConfig config, final Runnable onStarted, final AutoCloseable... extras)
        throws Exception
    {
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            try (MarketDataNode node = MarketDataNode.launch(config, new OffsetEpochNanoClock()))
            {
                onStarted.run();
                System.out.println("gateway: " + node.gatewayUri());
                System.out.flush();
                barrier.await();
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
