package zvt.crypto.feed.coinbase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.publish.FeedControl;
import zvt.crypto.feed.test.DecoderHarness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Coinbase rules on the recorded stream: a {@code sequence_num} gap resyncs the session (its books go stale,
 * announced with GAP_DETECTED) and a fresh subscription's snapshot makes them good again (RESYNCED); what an
 * overlapping second session delivers again is dropped.
 */
class CoinbaseRuleTest
{
    private static final Pattern SEQUENCE_NUM = Pattern.compile("\"sequence_num\":\\d+");
    private final List<String> resyncs = new ArrayList<>();
    private DecoderHarness harness;
    private Map<String, Integer> ids;

    @AfterEach
    void close()
    {
        if (harness != null)
        {
            harness.close();
        }
    }

    /** The recorded Advanced Trade connection(s) under {@code coinbase/advanced/streams}. */
    private static List<String> stream()
    {
        final List<String> frames = new ArrayList<>();
        for (final Path file : ReferenceCoinbaseDecoder.recordings(Fixtures.dir().resolve("coinbase/advanced/streams")))
        {
            frames.addAll(ReferenceCoinbaseDecoder.lines(file));
        }
        assertFalse(frames.isEmpty(), "no recorded Advanced Trade stream");
        return frames;
    }

    /** A harness whose runner does what the feed runner does on a session resync: the session's books are lost. */
    private void wire(final List<String> frames)
    {
        harness = new DecoderHarness(new CoinbaseAdapter());
        ids = CoinbaseConformanceTest.instruments(harness, frames);
        harness.publisher().control(new FeedControl()
        {
            public void rotateAll(final String reason)
            {
            }

            public void resync(final int session, final String reason)
            {
                resyncs.add(session + ": " + reason);
                ids.values().forEach(id -> harness.books().onStreamLost(id, reason));
            }
        });
    }

    private static boolean isL2Snapshot(final String frame)
    {
        return frame.contains("\"l2_data\"") && frame.contains("\"type\":\"snapshot\"");
    }

    @Test
    void shouldTreatASequenceNumGapAsAGapAndResyncFromTheSnapshotsOfAFreshSubscription()
    {
        final List<String> frames = stream();
        wire(frames);
        final List<String> snapshots = frames.stream().filter(CoinbaseRuleTest::isL2Snapshot).toList();
        final int lastSnapshot = frames.indexOf(snapshots.getLast());
        final int lost = lastSnapshot + 20;
        for (int i = 0; i < frames.size() / 2; i++)
        {
            if (i != lost)
            {
                harness.deliver(frames.get(i));
            }
        }
        assertEquals(1, resyncs.size(), resyncs::toString);
        final long sequence = ReferenceCoinbaseDecoder.tree(frames.get(lost)).get("sequence_num").longValue();
        assertEquals("1: session sequence jumped from " + (sequence - 1) + " to " + (sequence + 1), resyncs.getFirst());
        ids.values().forEach(id -> assertFalse(harness.books().isLive(id)));

        // The runner resubscribes on a new session: its sequence_num starts again and the snapshots come first.
        final List<String> resubscribed = new ArrayList<>(snapshots);
        resubscribed.addAll(frames.subList(frames.size() / 2, frames.size()));
        harness.session(2, 0);
        for (int i = 0; i < resubscribed.size(); i++)
        {
            harness.deliver(SEQUENCE_NUM.matcher(resubscribed.get(i)).replaceFirst("\"sequence_num\":" + i));
        }
        harness.close();

        ids.values().forEach(id ->
        {
            final List<String> statuses = harness.collector().lines("status " + id + " ");
            assertEquals(3, statuses.size(), statuses::toString);
            assertTrue(statuses.get(0).contains(" RESYNCED snapshot id "), statuses.get(0));
            assertTrue(statuses.get(1).contains(" GAP_DETECTED session sequence jumped"), statuses.get(1));
            assertTrue(statuses.get(2).contains(" RESYNCED snapshot id "), statuses.get(2));
            final OrderBook book = harness.collector().books().bookOrNull(id);
            assertTrue(book.isServable(), "book " + id + " must be good again");
        });
        assertEquals(2L * ids.size(), harness.syncCounters().resyncs());
        assertEquals(1, resyncs.size(), "the new session's own sequence is contiguous");
    }

    @Test
    void shouldDropWhatAnOverlappingSessionDeliversAgain()
    {
        final List<String> frames = stream();
        wire(frames);
        final ReferenceCoinbaseDecoder reference = new ReferenceCoinbaseDecoder(ids);
        final List<String> once = new ArrayList<>();
        long again = 0;
        for (final String frame : frames)
        {
            final List<String> lines = reference.expected(frame);
            once.addAll(lines);
            again += lines.stream().filter(line -> !line.startsWith("status") && !line.contains(" SNAPSHOT ")).count();
            harness.session(1, 0).deliver(frame);
            harness.session(2, 0).deliver(frame);
        }
        harness.close();

        // Everything but the book snapshots comes once; a second session's snapshot moves the book to that session
        // (it is published), after which the first session's deltas are the duplicates.
        final List<String> expected = new ArrayList<>();
        for (final String line : once)
        {
            expected.add(line);
            if (line.contains(" SNAPSHOT "))
            {
                expected.add(line);
            }
        }
        final List<String> actual = new ArrayList<>(harness.collector().lines());
        for (int i = 0; i < actual.size() - 1; i++)
        {
            if (actual.get(i).startsWith("status") && actual.get(i + 1).contains(" SNAPSHOT "))
            {
                actual.add(i, actual.remove(i + 1)); // RESYNCED follows the first snapshot; compare them in pairs
            }
        }
        CoinbaseConformanceTest.assertLines(expected, actual);
        assertEquals(again, harness.syncCounters().duplicates());
        assertTrue(again > 0);
        assertTrue(resyncs.isEmpty(), resyncs::toString);
    }

    /**
     * Found by the fault soak: a frame cut short after its {@code sequence_num} (the envelope comes first) was
     * rejected, but its number was taken, so the next message looked contiguous and the books stayed good without
     * the lost message's updates. The lost message now resyncs the session as a jump does.
     */
    @Test
    void shouldResyncTheSessionWhenAMessageIsLostToAMalformedFrameAfterItsSequenceNum()
    {
        final List<String> frames = stream();
        wire(frames);
        final List<String> snapshots = frames.stream().filter(CoinbaseRuleTest::isL2Snapshot).toList();
        final int lost = frames.indexOf(snapshots.getLast()) + 20;
        final String cut = frames.get(lost).substring(0, frames.get(lost).length() / 2);
        assertTrue(SEQUENCE_NUM.matcher(cut).find(), "the cut keeps the envelope");
        for (int i = 0; i <= lost + 10; i++)
        {
            harness.deliver(i == lost ? cut : frames.get(i));
        }
        assertEquals(1, harness.counters().decodeErrors());
        assertEquals(1, resyncs.size(), resyncs::toString);
        assertTrue(resyncs.getFirst().contains("was malformed"), resyncs.getFirst());
        ids.values().forEach(id -> assertFalse(harness.books().isLive(id)));
    }

    /**
     * Found by the fault soak: a message delivered twice in a row on one session (same {@code sequence_num}) was
     * decoded twice, so its level2 update was journaled twice. The repeat is now dropped as a duplicate.
     */
    @Test
    void shouldDropAMessageRepeatedOnTheSameSession()
    {
        final List<String> frames = stream();
        wire(frames);
        final ReferenceCoinbaseDecoder reference = new ReferenceCoinbaseDecoder(ids);
        final List<String> once = new ArrayList<>();
        long sequenced = 0;
        for (final String frame : frames)
        {
            once.addAll(reference.expected(frame));
            sequenced += SEQUENCE_NUM.matcher(frame).find() ? 1 : 0;
            harness.deliver(frame);
            harness.deliver(frame);
        }
        harness.close();

        CoinbaseConformanceTest.assertLines(once, harness.collector().lines());
        assertEquals(sequenced, harness.syncCounters().duplicates());
        assertTrue(sequenced > 0);
        assertTrue(resyncs.isEmpty(), resyncs::toString);
    }

    @Test
    void shouldLogAVenueErrorOnceAndCountItIgnored()
    {
        wire(List.of());
        harness.deliver("{\"type\":\"error\",\"message\":\"failure to subscribe\"}");
        harness.deliver("{\"type\":\"error\",\"message\":\"failure to subscribe\"}");
        assertEquals(2, harness.counters().ignored());
        assertEquals(0, harness.counters().decodeErrors());
    }
}
