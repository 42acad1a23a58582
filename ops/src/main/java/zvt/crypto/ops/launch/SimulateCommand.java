package zvt.crypto.ops.launch;

import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import zvt.crypto.feed.simulator.BinanceSimulator;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;

import java.util.concurrent.Callable;

/**
 * {@code simulate}: the venue simulator alone, for pointing a node (or any Binance client) at it.
 */
@Command(name = "simulate", description = "Run the Binance venue simulator (seeded synthetic trades)")
public final class SimulateCommand implements Callable<Integer>
{
    @Option(names = "--port", defaultValue = "9443", description = "port to listen on (0 = any free port)")
    int port;

    @Option(names = "--rate", defaultValue = "1000", description = "trades per second over all subscribed streams")
    long rate;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the synthetic market")
    long seed;

    public Integer call() throws Exception
    {
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            BinanceSimulator simulator = BinanceSimulator.launch(new BinanceSimulatorContext()
                .port(port)
                .seed(seed)
                .messagesPerSecond(rate)))
        {
            System.out.println("simulated Binance: " + simulator.webSocketUri() + " (set binance.ws.url to it)");
            System.out.flush();
            barrier.await();
        }
        return 0;
    }
}
