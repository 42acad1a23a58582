package zvt.crypto.journal;

import com.lmax.disruptor.dsl.ProducerType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.journal.replay.JournalReplayer;
import zvt.crypto.journal.replay.ReplayResult;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A million trades go producer → ring → journal, then are replayed from disk.
 */
class JournalRoundTripTest
{
    private static final int EVENTS = 1_000_000;
    private static final int EMPTY_SLOT_EVERY = 1_000;

    @Test
    void shouldReplayAMillionEventsByteForByteInOrderWithTheIndexesConsumersSaw(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final JournalEventHandler journalHandler = new JournalEventHandler(journal);
            final JournalTestRing ring = new JournalTestRing(journalHandler, EVENTS, ProducerType.SINGLE);
            final RecordingHandler consumer = ring.recorder();
            final TradePublisher publisher = ring.publisher();
            for (int i = 0; i < EVENTS; i++)
            {
                publisher.publish(i);
                if (i % EMPTY_SLOT_EVERY == 0)
                {
                    publisher.publishEmpty();
                }
            }
            ring.close();

            assertEquals(EVENTS, journalHandler.appendedEvents());
            assertEquals(EVENTS / EMPTY_SLOT_EVERY, journalHandler.skippedEmptySlots());
            assertEquals(EVENTS, consumer.count());
            assertEquals(0, consumer.missingIndexes());
            assertEquals(0, ring.consumerErrors());
            assertEquals(consumer.indexes[EVENTS - 1], journalHandler.lastIndex());
            assertEquals(journalHandler.lastIndex(), journal.lastIndex());

            final Verifier verifier = new Verifier(consumer.indexes);
            final ReplayResult result = new JournalReplayer(journal).replay(verifier);

            assertEquals(EVENTS, verifier.next, "entries replayed");
            assertEquals(EVENTS, result.delivered());
            assertEquals(EVENTS, result.read());
            assertEquals(ReplayResult.End.END_OF_JOURNAL, result.end());
            assertEquals(consumer.indexes[0], result.firstIndex());
            assertEquals(consumer.indexes[EVENTS - 1], result.lastIndex());
        }
    }

    /** Checks entry n against trade n rebuilt from scratch, and against the index the consumer saw. */
    private static final class Verifier implements JournalEventListener
    {
        private final long[] indexesSeen;
        private final SyntheticTrades trades = new SyntheticTrades();
        private final UnsafeBuffer expected = new UnsafeBuffer(new byte[MarketEvent.CAPACITY]);
        private int next;

        Verifier(final long[] indexesSeen)
        {
            this.indexesSeen = indexesSeen;
        }

        public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
        {
            final int i = next++;
            if (i >= indexesSeen.length)
            {
                fail("more entries than published: entry " + i + " at index " + index);
            }
            final int expectedLength = trades.encode(i, expected, 0);
            if (length != expectedLength)
            {
                fail("entry " + i + ": length " + length + ", expected " + expectedLength);
            }
            for (int k = 0; k < length; k++)
            {
                if (buffer.getByte(offset + k) != expected.getByte(k))
                {
                    fail("entry " + i + ": byte " + k + " differs");
                }
            }
            if (index != indexesSeen[i])
            {
                fail("entry " + i + ": journal index " + index + ", consumer saw " + indexesSeen[i]);
            }
        }
    }
}
