package zvt.crypto.feed.bybit;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.book.SyncCounters;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.venue.FrameDecoder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A first robustness check until the shared frame fuzzer lands: seeded mutations of every recorded Bybit line
 * (truncation, a byte replaced by a structural or numeric character, a segment duplicated, a number widened to 20+
 * digits) never make the decoder throw, and every frame is accounted once (event, ignored or decode error).
 */
class BybitMutatedFramesTest
{
    private static final int CASES = 200_000;
    private static final byte[] INTERESTING = "\"{}[],:9-. e0".getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldAccountEveryMutatedRecordedFrameWithoutThrowing()
    {
        final RingBuffer<MarketEvent> ring =
            RingBuffer.createSingleProducer(MarketEvent::new, 1024, new YieldingWaitStrategy());
        final FeedCounters counters = new FeedCounters();
        final SyncCounters syncCounters = new SyncCounters();
        final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        final BybitAdapter adapter = new BybitAdapter();
        final FeedPublisher publisher = new FeedPublisher(Venue.BYBIT, ring, counters, syncCounters,
            adapter.decodeErrors());
        final BookSync books = new BookSync(Venue.BYBIT, ring, new ControlEventPublisher(ring, () -> 1L), timers,
            () -> 1L, syncCounters, adapter::newChecksum);
        publisher.books(books);
        final FrameDecoder decoder = adapter.newDecoder(publisher);

        final List<byte[]> frames = new ArrayList<>();
        final List<Integer> groups = new ArrayList<>();
        int nextId = 1;
        for (final Path file : BybitRecordings.files())
        {
            final List<String> lines = BybitRecordings.lines(file);
            final int group = BybitRecordings.group(file);
            for (final Map.Entry<String, Integer> symbol : BybitRecordings.symbols(lines).entrySet())
            {
                final int id = nextId++;
                publisher.addSymbol(group, symbol.getKey(), id);
                books.addInstrument(id, symbol.getKey(), adapter.newBookRule(Instrument.of(id, Venue.BYBIT,
                    BybitRecordings.marketType(file), symbol.getKey(), symbol.getKey())));
            }
            for (final String line : lines)
            {
                frames.add(line.getBytes(StandardCharsets.UTF_8));
                groups.add(group);
            }
        }
        final SplittableRandom random = new SplittableRandom(20260809L);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        for (int i = 0; i < CASES; i++)
        {
            final int pick = random.nextInt(frames.size());
            final byte[] mutated = mutate(frames.get(pick), random);
            buffer.wrap(mutated);
            publisher.beginFrame(1 + (i & 1), groups.get(pick), 1L);
            decoder.decode(buffer, 0, mutated.length);
            publisher.endFrame();
        }
        timers.shutdownNow();
        assertEquals(CASES, counters.events() + counters.ignored() + counters.decodeErrors());
        assertTrue(counters.decodeErrors() > CASES / 10, "decode errors " + counters.decodeErrors());
        System.out.println("bybit mutated frames: " + CASES + " cases, " + counters.events() + " events, " +
            counters.ignored() + " ignored, " + counters.decodeErrors() + " rejected");
    }

    private static byte[] mutate(final byte[] frame, final SplittableRandom random)
    {
        final byte[] copy = frame.clone();
        switch (random.nextInt(4))
        {
            case 0 ->
            {
                return java.util.Arrays.copyOf(copy, random.nextInt(copy.length + 1));
            }
            case 1 ->
            {
                for (int n = 1 + random.nextInt(3); n > 0; n--)
                {
                    copy[random.nextInt(copy.length)] = INTERESTING[random.nextInt(INTERESTING.length)];
                }
                return copy;
            }
            case 2 ->
            {
                final int from = random.nextInt(copy.length);
                final int to = from + random.nextInt(copy.length - from);
                final byte[] longer = new byte[copy.length + to - from];
                System.arraycopy(copy, 0, longer, 0, to);
                System.arraycopy(copy, from, longer, to, copy.length - from);
                return longer;
            }
            default ->
            {
                final String text = new String(copy, StandardCharsets.UTF_8);
                return text.replaceFirst(":(\\d+)", ":$1" + "9".repeat(1 + random.nextInt(20)))
                    .getBytes(StandardCharsets.UTF_8);
            }
        }
    }
}
