package zvt.crypto.feed.binance;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.feed.binance.DiffDepthSequencer.Action.APPLY;
import static zvt.crypto.feed.binance.DiffDepthSequencer.Action.BUFFER;
import static zvt.crypto.feed.binance.DiffDepthSequencer.Action.DROP;
import static zvt.crypto.feed.binance.DiffDepthSequencer.Action.GAP;

class DiffDepthSequencerTest
{
    private final DiffDepthSequencer sequencer = new DiffDepthSequencer();

    @Test
    void shouldBufferUntilASnapshotThenApplyTheDocumentedWay()
    {
        assertEquals(BUFFER, sequencer.onUpdate(95, 99));
        assertEquals(BUFFER, sequencer.onUpdate(100, 104));
        assertFalse(sequencer.onSnapshot(90), "a snapshot ending before the first buffered event is too old");
        assertTrue(sequencer.onSnapshot(101));

        assertEquals(DROP, sequencer.onUpdate(95, 99));
        assertEquals(APPLY, sequencer.onUpdate(100, 104), "first applied: U <= id + 1 <= u");
        assertEquals(DROP, sequencer.onUpdate(100, 104), "a duplicate");
        assertEquals(APPLY, sequencer.onUpdate(105, 105));
        assertEquals(105, sequencer.lastUpdateId());
    }

    @Test
    void shouldReportAGapWhenAnEventDoesNotFollowAndBufferAgain()
    {
        sequencer.onUpdate(10, 10);
        sequencer.onSnapshot(10);
        assertEquals(APPLY, sequencer.onUpdate(11, 12));
        assertEquals(GAP, sequencer.onUpdate(14, 15));
        assertEquals(13, sequencer.expectedUpdateId());
        assertFalse(sequencer.isLive());
        assertEquals(BUFFER, sequencer.onUpdate(16, 16));
        assertFalse(sequencer.onSnapshot(12), "the backlog starts at the gap event, U=14");
        assertTrue(sequencer.onSnapshot(13));
        assertEquals(APPLY, sequencer.onUpdate(14, 15));
    }

    @Test
    void shouldReportAGapWhenTheFirstEventAfterTheSnapshotDoesNotReachIt()
    {
        sequencer.onUpdate(50, 60);
        assertTrue(sequencer.onSnapshot(49));
        assertEquals(APPLY, sequencer.onUpdate(50, 60));
        sequencer.reset();
        sequencer.onUpdate(70, 71);
        assertTrue(sequencer.onSnapshot(75));
        assertEquals(GAP, sequencer.onUpdate(77, 80), "U=77 > id + 1 = 76");
    }
}
