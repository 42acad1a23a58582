package zvt.crypto.feed.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.CandleDecoder;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.test.FrameFuzzer;
import zvt.crypto.feed.test.FrameMutator;
import zvt.crypto.feed.test.FuzzedFeed;
import zvt.crypto.feed.test.Recordings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million mutations of every recorded Binance stream frame through the adapter's decoder, the publisher, the depth
 * sync (U/u rule) and a real ring: no exception escapes, every frame is accounted once (accepted, ignored or
 * duplicate, or rejected with a reason), and the fuzz reaches every decoder and every rejection reason. REST depth
 * snapshots, themselves sometimes mutated, answer the depth sync's requests between frames, on an event loop whose
 * clock moves 1 ms per frame. {@code -Dzvt.fuzz.seed} and {@code -Dzvt.fuzz.cases} replay a failure or run longer.
 */
class BinanceFuzzTest
{
    private static final long RANDOM_SEED = Long.getLong("zvt.fuzz.seed", 0x5EED_B1AL);
    private static final long CASES = Long.getLong("zvt.fuzz.cases", 1_000_000L);
    /** Levels per side kept from a recorded snapshot: enough to exercise the reader, small enough to stay fast. */
    private static final int SNAPSHOT_LEVELS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SplittableRandom random = new SplittableRandom(RANDOM_SEED ^ 0x5A);
    private final FrameMutator snapshotMutator = new FrameMutator(random.split());
    private final UnsafeBuffer snapshot = new UnsafeBuffer(0, 0);
    private final Map<String, FuzzedFeed.Symbol> symbols = new LinkedHashMap<>();
    /** The first update id ({@code U}) of every recorded depth event, by instrument. */
    private final Map<Integer, List<Long>> firstUpdateIds = new HashMap<>();
    private final List<String> snapshotLevels = new ArrayList<>();
    private final FuzzedFeed feed = new FuzzedFeed(new BinanceAdapter()).restSnapshots(this::answerSnapshot);

    @AfterEach
    void close()
    {
        feed.close();
    }

    @Test
    void shouldAccountForEveryMutatedRecordedFrameWithoutLettingAnExceptionEscape()
    {
        final Path binance = Fixtures.dir().resolve("binance");
        final List<byte[]> frames = new ArrayList<>();
        // REST bodies (rest_*, *.snapshot) are not stream frames: snapshots answer the depth sync instead.
        for (final Path file : Recordings.find(binance, "glob:**.jsonl", "glob:**/rest_*", "glob:**.snapshot.jsonl"))
        {
            for (final String line : Recordings.lines(file))
            {
                frames.add(line.getBytes(StandardCharsets.UTF_8));
                register(line);
            }
        }
        for (final Path file : Recordings.find(binance, "glob:**.snapshot.jsonl"))
        {
            snapshotLevels.add(trimmedLevels(Recordings.lines(file).getFirst()));
        }
        assertTrue(frames.size() > 1_000 && !firstUpdateIds.isEmpty() && !snapshotLevels.isEmpty(),
            "recorded frames, depth updates and snapshots under " + binance);

        final FrameFuzzer fuzzer = feed.fuzzer(frames, RANDOM_SEED);
        long nanos = 0;
        for (long done = 0; done < CASES; done += frames.size())
        {
            feed.start(BinanceAdapter.SPOT, List.copyOf(symbols.values()));
            nanos += fuzzer.run(feed::deliver, Math.min(frames.size(), CASES - done)).nanos();
        }

        System.out.println(feed.finish(CASES, nanos, RANDOM_SEED));
        for (final BinanceFrameError reason : BinanceFrameError.values())
        {
            assertTrue(feed.errors(reason) > 0, "no frame was rejected as " + reason);
        }
        assertTrue(feed.syncCounters().duplicates() > 0 &&
            feed.syncCounters().duplicates() <= feed.counters().ignored());
        assertTrue(feed.syncCounters().resyncs() > 0 && feed.syncCounters().gaps() > 0 &&
            feed.syncCounters().droppedUpdates() > 0, feed.syncCounters().toString());
        assertTrue(feed.events(CandleDecoder.TEMPLATE_ID) > 0, "candles published");
    }

    /** Gives every symbol of the recording an instrument, and remembers where each depth event starts. */
    private void register(final String line)
    {
        final JsonNode root = read(line);
        final JsonNode payload = root.has("data") ? root.get("data") : root;
        final String symbol = payload.path("s").textValue();
        if (symbol == null)
        {
            return;
        }
        final int id = symbols.computeIfAbsent(symbol, s ->
            new FuzzedFeed.Symbol(s, symbols.size() + 1, MarketType.SPOT, BinanceAdapter.SPOT)).instrumentId();
        if ("depthUpdate".equals(payload.path("e").textValue()))
        {
            firstUpdateIds.computeIfAbsent(id, i -> new ArrayList<>()).add(payload.path("U").longValue());
        }
    }

    /**
     * Mostly a usable snapshot (the update id just before one of the instrument's recorded events), sometimes a failed
     * request or a mutated body; an instrument with no recorded depth has no snapshot to give.
     */
    private void answerSnapshot(final int instrumentId, final BookSync books)
    {
        final List<Long> firstIds = firstUpdateIds.get(instrumentId);
        if (firstIds == null || random.nextInt(16) == 0)
        {
            books.onSnapshotFailed(instrumentId, "fuzz: request failed");
            return;
        }
        final byte[] body = ("{\"lastUpdateId\":" + (firstIds.get(random.nextInt(firstIds.size())) - 1) + "," +
            snapshotLevels.get(random.nextInt(snapshotLevels.size()))).getBytes(StandardCharsets.US_ASCII);
        if (random.nextInt(4) == 0)
        {
            final int length = snapshotMutator.mutate(snapshotMutator.index(body), snapshotMutator.pick());
            books.onSnapshot(instrumentId, snapshotMutator.buffer(), 0, length);
        }
        else
        {
            snapshot.wrap(body);
            books.onSnapshot(instrumentId, snapshot, 0, body.length);
        }
    }

    /** {@code "bids":[..],"asks":[..]}} of a recorded snapshot, each side cut to its first levels. */
    private static String trimmedLevels(final String body)
    {
        final JsonNode snapshot = read(body);
        final StringBuilder levels = new StringBuilder();
        for (final String side : new String[]{"bids", "asks"})
        {
            final List<JsonNode> kept = new ArrayList<>();
            snapshot.get(side).forEach(level -> kept.add(level));
            final JsonNode trimmed = JSON.valueToTree(kept.subList(0, Math.min(SNAPSHOT_LEVELS, kept.size())));
            levels.append('"').append(side).append("\":").append(trimmed).append(',');
        }
        levels.setCharAt(levels.length() - 1, '}');
        return levels.toString();
    }

    private static JsonNode read(final String json)
    {
        try
        {
            return JSON.readTree(json);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
