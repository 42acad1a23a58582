package zvt.crypto.ops.launch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.ReplaySource;
import zvt.crypto.feed.simulator.SimulatorFaults;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.VenueProtocol;
import zvt.crypto.feed.simulator.VenueSimulator;
import zvt.crypto.feed.simulator.VenueSimulators;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueRegistry;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code simulate}: one venue's simulator alone, for pointing a node (or any client of that venue) at it: a seeded
 * synthetic market in the venue's own protocol, or replayed recordings, with optional faults.
 */
@Command(name = "simulate",
    description = "Run a venue simulator (WebSocket streams and REST on one port; synthetic or replayed)")
public final class SimulateCommand implements Callable<Integer>
{
    @Option(names = "--venue", defaultValue = "binance",
        description = "venue whose protocol the simulator speaks: binance, okx, bybit or coinbase")
    String venue;

    @Option(names = "--port", defaultValue = "9443", description = "port to listen on (0 = any free port)")
    int port;

    @Option(names = "--rate", defaultValue = "1000",
        description = "market steps per second over all subscribed symbols (a depth event or a trade each)")
    long rate;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the synthetic market")
    long seed;

    @Option(names = "--book-levels", defaultValue = "50", description = "price levels per side of each book")
    int bookLevels;

    @Option(names = "--replay", split = ",",
        description = "recorded files (one raw message per line) to replay instead of the synthetic market")
    List<Path> replay;

    @Option(names = "--speed", defaultValue = "1",
        description = "replay pace: 1 = as recorded, N = N times faster, 0 = as fast as possible")
    double speed;

    @Option(names = "--drop", defaultValue = "0", description = "probability of dropping a message (any stream)")
    double drop;

    @Option(names = "--drop-depth", defaultValue = "0", description = "probability of dropping a depth update")
    double dropDepth;

    @Option(names = "--duplicate", defaultValue = "0", description = "probability of sending a message twice")
    double duplicate;

    @Option(names = "--reorder", defaultValue = "0", description = "probability of swapping a message with the next")
    double reorder;

    @Option(names = "--malformed", defaultValue = "0", description = "probability of cutting a frame in half")
    double malformed;

    @Option(names = "--disconnect-every-ms", defaultValue = "0", description = "close every connection this often")
    long disconnectEveryMs;

    @Option(names = "--stall-every-ms", defaultValue = "0", description = "stop the market this often ...")
    long stallEveryMs;

    @Option(names = "--stall-ms", defaultValue = "0", description = "... for this long")
    long stallMs;

    @Option(names = "--rest-429", defaultValue = "0", description = "probability of answering REST with 429")
    double rest429;

    @Option(names = "--retry-after-s", defaultValue = "1", description = "Retry-After of injected 429s")
    long retryAfterSeconds;

    @Option(names = "--rest-5xx", defaultValue = "0", description = "probability of answering REST with 503")
    double rest5xx;

    @Option(names = "--slow-snapshot-ms", defaultValue = "0", description = "delay of depth snapshots")
    long slowSnapshotMs;

    public Integer call() throws Exception
    {
        final SimulatorFaults faults = new SimulatorFaults()
            .drop(StreamKind.ANY, drop)
            .duplicate(StreamKind.ANY, duplicate)
            .reorder(StreamKind.ANY, reorder)
            .malformed(StreamKind.ANY, malformed)
            .disconnectEveryMs(disconnectEveryMs)
            .stallEveryMs(stallEveryMs)
            .stallMs(stallMs)
            .rest429Probability(rest429)
            .retryAfterSeconds(retryAfterSeconds)
            .rest5xxProbability(rest5xx)
            .slowSnapshotMs(slowSnapshotMs);
        if (dropDepth > 0)
        {
            faults.drop(StreamKind.DEPTH, dropDepth);
        }
        final BinanceSimulatorContext context = new BinanceSimulatorContext()
            .port(port)
            .seed(seed)
            .messagesPerSecond(rate)
            .bookLevels(bookLevels)
            .faults(faults);
        if (replay != null && !replay.isEmpty())
        {
            context.replay(new ReplaySource(replay, speed));
        }
        final VenueAdapter adapter = VenueRegistry.byName(venue);
        final VenueProtocol protocol = VenueSimulators.protocol(adapter.venue());
        try (StopSignal stop = new StopSignal();
            VenueSimulator simulator = VenueSimulator.launch(context, protocol))
        {
            System.out.println("simulated " + adapter.venue() + ": " + simulator.webSocketUri() + ", REST " +
                simulator.restUri() + "; point a node at it with:");
            protocol.feedSettings(simulator.webSocketUri(), simulator.restUri()).forEach((key, value) ->
                System.out.println("  " + adapter.configName() + "." + key + " = " + value));
            System.out.flush();
            stop.await();
            System.out.println("faults injected: " + simulator.faults());
            System.out.println(simulator.counters());
        }
        return 0;
    }
}
