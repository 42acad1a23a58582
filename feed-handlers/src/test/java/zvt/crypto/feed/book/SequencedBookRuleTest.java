package zvt.crypto.feed.book;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.feed.book.BookRule.Action.APPLY;
import static zvt.crypto.feed.book.BookRule.Action.BUFFER;
import static zvt.crypto.feed.book.BookRule.Action.DROP;
import static zvt.crypto.feed.book.BookRule.Action.GAP;
import static zvt.crypto.feed.book.BookRule.Action.SNAPSHOT;

class SequencedBookRuleTest
{
    private final BookFields message = new BookFields();

    @Test
    void shouldBufferUntilARestSnapshotThenApplyTheBinanceSpotWay()
    {
        final SequencedBookRule rule = binanceSpot();
        assertEquals(BUFFER, rule.onMessage(delta(95, 99)));
        assertEquals(BUFFER, rule.onMessage(delta(100, 104)));
        assertFalse(rule.onRestSnapshot(90), "a snapshot ending before the first buffered event is too old");
        assertTrue(rule.onRestSnapshot(101));

        assertEquals(DROP, rule.onMessage(delta(95, 99)));
        assertEquals(APPLY, rule.onMessage(delta(100, 104)), "first applied: U <= id + 1 <= u");
        assertEquals(DROP, rule.onMessage(delta(100, 104)), "a duplicate");
        assertEquals(APPLY, rule.onMessage(delta(105, 105)));
        assertEquals(105, rule.lastId());
    }

    @Test
    void shouldReportAGapWhenAnEventDoesNotFollowAndBufferAgainFromIt()
    {
        final SequencedBookRule rule = binanceSpot();
        rule.onMessage(delta(10, 10));
        rule.onRestSnapshot(10);
        assertEquals(APPLY, rule.onMessage(delta(11, 12)));
        assertEquals(GAP, rule.onMessage(delta(14, 15)));
        assertTrue(rule.gapReason(delta(14, 15)).contains("expected id 13"));
        assertFalse(rule.isLive());
        assertEquals(BUFFER, rule.onMessage(delta(16, 16)));
        assertFalse(rule.onRestSnapshot(12), "the backlog starts at the gap event, U=14");
        assertTrue(rule.onRestSnapshot(13));
        assertEquals(APPLY, rule.onMessage(delta(14, 15)));
    }

    @Test
    void shouldReportAGapWhenTheFirstEventAfterTheSnapshotDoesNotReachIt()
    {
        final SequencedBookRule rule = binanceSpot();
        rule.onMessage(delta(70, 71));
        assertTrue(rule.onRestSnapshot(75));
        assertEquals(GAP, rule.onMessage(delta(77, 80)), "U=77 > id + 1 = 76");
    }

    @Test
    void shouldTakeASnapshotIdOfLongMaxValueAsNotOlderThanTheBacklog()
    {
        final SequencedBookRule rule = binanceSpot();
        rule.onMessage(delta(Long.MAX_VALUE, Long.MAX_VALUE));
        assertTrue(rule.onRestSnapshot(Long.MAX_VALUE));
    }

    @Test
    void shouldChainOnThePreviousIdThroughASequenceResetAsOkxDoes()
    {
        final SequencedBookRule rule = new SequencedBookRule(SequencedBookRule.Chain.PREVIOUS_ID, true,
            SequencedBookRule.FirstDelta.NEXT_ID, BookRule.Resync.RESUBSCRIBE, 2_000);
        assertEquals(BUFFER, rule.onMessage(chained(100, 90)), "no book before the first snapshot");
        assertEquals(SNAPSHOT, rule.onMessage(message.reset(1, true).ids(BookFields.NO_ID, 100)));
        assertEquals(APPLY, rule.onMessage(chained(100, 105)));
        assertEquals(APPLY, rule.onMessage(chained(105, 105)), "an idle keepalive: seqId == prevSeqId");
        assertEquals(DROP, rule.onMessage(chained(100, 105)), "a duplicate of an overlapping session");
        assertEquals(APPLY, rule.onMessage(chained(105, 3)), "after maintenance seqId restarts lower");
        assertEquals(GAP, rule.onMessage(chained(7, 9)));
        assertEquals(BUFFER, rule.onMessage(chained(9, 12)));
        assertTrue(rule.onRestSnapshot(10), "REST: prevSeqId 9 <= 10 < seqId 12");
        assertEquals(APPLY, rule.onMessage(chained(9, 12)));
    }

    @Test
    void shouldApplyTheFuturesFirstEventRuleAfterARestSnapshot()
    {
        final SequencedBookRule rule = new SequencedBookRule(SequencedBookRule.Chain.PREVIOUS_ID, false,
            SequencedBookRule.FirstDelta.SNAPSHOT_ID, BookRule.Resync.REST_SNAPSHOT, 0);
        rule.onMessage(delta(90, 95).previousId(89));
        assertTrue(rule.onRestSnapshot(100));
        assertEquals(DROP, rule.onMessage(delta(90, 95).previousId(89)));
        assertEquals(APPLY, rule.onMessage(delta(98, 100).previousId(97)), "U <= lastUpdateId <= u");
        assertEquals(APPLY, rule.onMessage(delta(101, 110).previousId(100)));
        assertEquals(GAP, rule.onMessage(delta(115, 120).previousId(112)), "pu must be the last u");
    }

    @Test
    void shouldLetEveryInStreamSnapshotReplaceTheBookAndNeverBufferWithoutRestSnapshots()
    {
        final SequencedBookRule rule = new SequencedBookRule(SequencedBookRule.Chain.NONE, true, null,
            BookRule.Resync.RESUBSCRIBE, 0);
        assertEquals(-1, rule.restSnapshotDelayMs(), "no REST snapshots");
        assertEquals(BUFFER, rule.onMessage(message.reset(1, false)));
        assertEquals(SNAPSHOT, rule.onMessage(message.reset(1, true)));
        assertEquals(APPLY, rule.onMessage(message.reset(1, false)));
        assertEquals(SNAPSHOT, rule.onMessage(message.reset(1, true)));
    }

    private static SequencedBookRule binanceSpot()
    {
        return new SequencedBookRule(SequencedBookRule.Chain.NEXT_ID, false, SequencedBookRule.FirstDelta.NEXT_ID,
            BookRule.Resync.REST_SNAPSHOT, 0);
    }

    private BookFields delta(final long first, final long last)
    {
        return message.reset(1, false).ids(first, last);
    }

    private BookFields chained(final long previous, final long id)
    {
        return message.reset(1, false).ids(BookFields.NO_ID, id).previousId(previous);
    }
}
