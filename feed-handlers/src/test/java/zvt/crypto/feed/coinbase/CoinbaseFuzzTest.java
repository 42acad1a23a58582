package zvt.crypto.feed.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.CandleDecoder;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.test.FrameFuzzer;
import zvt.crypto.feed.test.FuzzedFeed;
import zvt.crypto.feed.test.Recordings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million mutations of the recorded Coinbase frames (four fifths Advanced Trade, one fifth Exchange; REST bodies
 * left out) through the adapter's decoder, the shared publisher, the book sync and the ring: no exception escapes,
 * every frame is accounted once, and the fuzz reaches every decoder and every rejection reason. A
 * {@code sequence_num} gap (mutated numbers make many) resyncs the session as the runner does: its books are lost
 * until the next snapshot. The two multi-megabyte book snapshots are cut to their best levels so a million cases stay
 * fast. {@code -Dzvt.fuzz.seed} and {@code -Dzvt.fuzz.cases} replay a failure or run longer.
 */
class CoinbaseFuzzTest
{
    private static final long RANDOM_SEED = Long.getLong("zvt.fuzz.seed", 0xC01B_A5EL);
    private static final long CASES = Long.getLong("zvt.fuzz.cases", 1_000_000L);
    private static final int MAX_SEED_BYTES = 64 << 10;
    private static final int SNAPSHOT_LEVELS = 50;

    private final FuzzedFeed feed = new FuzzedFeed(new CoinbaseAdapter());
    private final List<FuzzedFeed.Symbol> products = new ArrayList<>();

    @AfterEach
    void close()
    {
        feed.close();
    }

    @Test
    void shouldAccountForEveryMutatedRecordedFrameWithoutLettingAnExceptionEscape()
    {
        final Path coinbase = Fixtures.dir().resolve("coinbase");
        final List<String> lines = new ArrayList<>();
        final List<byte[]> advanced = seeds(coinbase.resolve("advanced"), lines);
        final List<byte[]> exchange = seeds(coinbase.resolve("exchange"), lines);
        ReferenceCoinbaseDecoder.products(lines).forEach(product ->
            products.add(new FuzzedFeed.Symbol(product, products.size() + 1, MarketType.SPOT, 0)));
        assertTrue(advanced.size() > 1_000 && !exchange.isEmpty(), "recorded frames under " + coinbase);
        // Most cases go to the Advanced Trade frames the adapter decodes; a fifth to the Exchange frames it ignores.
        final long exchangeCases = CASES / 5;
        final long nanos = fuzz(advanced, CASES - exchangeCases) + fuzz(exchange, exchangeCases);

        System.out.println(feed.finish(CASES, nanos, RANDOM_SEED) + "; session resyncs " + feed.sessionResyncs());
        for (final CoinbaseDecodeError reason : CoinbaseDecodeError.values())
        {
            assertTrue(feed.errors(reason) > 0, "no frame was rejected as " + reason);
        }
        assertTrue(feed.syncCounters().duplicates() > 0 && feed.sessionResyncs() > 0 &&
            feed.syncCounters().resyncs() > 0, feed.syncCounters().toString());
        assertTrue(feed.events(CandleDecoder.TEMPLATE_ID) > 0, "candles published");
    }

    /** @return the nanoseconds taken by {@code cases} mutations of {@code frames}, a fresh feed per pass. */
    private long fuzz(final List<byte[]> frames, final long cases)
    {
        final FrameFuzzer fuzzer = feed.fuzzer(frames, RANDOM_SEED);
        long nanos = 0;
        for (long done = 0; done < cases; done += frames.size())
        {
            feed.start(0, products);
            nanos += fuzzer.run(feed::deliver, Math.min(frames.size(), cases - done)).nanos();
        }
        return nanos;
    }

    /** The recorded frames under {@code dir} (REST bodies left out), huge snapshots trimmed; adds their text. */
    private static List<byte[]> seeds(final Path dir, final List<String> lines)
    {
        final List<byte[]> frames = new ArrayList<>();
        for (final Path file : Recordings.find(dir, "glob:**.jsonl", "glob:**/rest_*"))
        {
            for (final String line : Recordings.lines(file))
            {
                final String seed = line.length() > MAX_SEED_BYTES ? trimmedSnapshot(line) : line;
                lines.add(seed);
                frames.add(seed.getBytes(StandardCharsets.UTF_8));
            }
        }
        return frames;
    }

    /** An {@code l2_data} snapshot with only its first {@value #SNAPSHOT_LEVELS} bids and offers. */
    private static String trimmedSnapshot(final String line)
    {
        final JsonNode root = ReferenceCoinbaseDecoder.tree(line);
        for (final JsonNode event : root.path("events"))
        {
            final ArrayNode kept = ReferenceCoinbaseDecoder.MAPPER.createArrayNode();
            int bids = 0;
            int offers = 0;
            for (final JsonNode level : event.path("updates"))
            {
                final boolean bid = "bid".equals(level.path("side").asText());
                if (bid ? bids++ < SNAPSHOT_LEVELS : offers++ < SNAPSHOT_LEVELS)
                {
                    kept.add(level);
                }
            }
            ((ObjectNode)event).set("updates", kept);
        }
        return root.toString();
    }
}
