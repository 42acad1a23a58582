package zvt.crypto.feed.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.test.WebSocketTestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replaying recorded fixture files: verbatim lines, in order, at the recorded pace times N or as fast as possible. */
class SimulatorReplayTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private BinanceSimulator simulator;

    @AfterEach
    void close()
    {
        if (simulator != null)
        {
            simulator.close();
        }
    }

    @Test
    void shouldReplayEveryLineVerbatimAtTheRecordedPaceTimesN() throws Exception
    {
        final Path file = Fixtures.file("binance/kline.jsonl");
        final List<String> recorded = Fixtures.lines("binance/kline.jsonl");
        final List<String> times = Files.readAllLines(file.resolveSibling("_recv_ts").resolve("kline.jsonl.ts"));
        final double speed = 20;
        // The file holds three captures months apart; pace is checked over the first one (lines 1-20).
        final double firstSegmentSeconds = Double.parseDouble(times.get(19)) - Double.parseDouble(times.get(0));
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext()
            .replay(new ReplaySource(List.of(file), speed)));

        // Timed from before the connection: the replay starts once it is open, so the pace is a floor.
        final long start = System.nanoTime();
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/stream"))
        {
            final List<String> received = new ArrayList<>();
            for (int i = 0; i < 20; i++)
            {
                received.add(client.next(m -> true, TIMEOUT));
            }
            final double elapsed = (System.nanoTime() - start) / 1e9;

            assertEquals(recorded.subList(0, 20), received);
            final double expected = firstSegmentSeconds / speed;
            assertTrue(elapsed >= expected * 0.8 && elapsed <= expected + 2,
                "replayed 20 lines in " + elapsed + " s, recorded pace / " + speed + " = " + expected + " s");
        }
    }

    @Test
    void shouldReplayAsFastAsPossibleFilteredByStreamAndUnwrappedForRawConnections() throws Exception
    {
        final List<String> recorded = Fixtures.lines("binance/depthUpdate.jsonl");
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext()
            .replay(new ReplaySource(List.of(Fixtures.file("binance/depthUpdate.jsonl")), 0)));
        final String stream = "busdtry@depth@100ms";
        final List<String> expected = recorded.stream()
            .filter(line -> line.startsWith("{\"stream\":\"" + stream + "\""))
            .map(line -> line.substring(line.indexOf(",\"data\":") + 8, line.length() - 1))
            .toList();

        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/ws/" + stream))
        {
            final long start = System.nanoTime();
            final List<String> received = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++)
            {
                received.add(client.next(m -> true, TIMEOUT));
            }
            assertEquals(expected, received);
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "not paced");
            assertEquals(expected.size(), simulator.counters().sent(StreamKind.REPLAY));
        }
    }
}
