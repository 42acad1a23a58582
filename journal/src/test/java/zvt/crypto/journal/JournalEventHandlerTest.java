package zvt.crypto.journal;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentDefinitionCodec;
import zvt.crypto.core.instrument.InstrumentRegistry;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal handler on its own: indexes, empty slots, failures, and no garbage per event.
 */
class JournalEventHandlerTest
{
    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 200_000;

    @Test
    void shouldStampEachEventWithItsJournalIndexAndSkipEmptySlots(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final JournalEventHandler handler = new JournalEventHandler(journal);
            final MarketEvent event = new MarketEvent();
            final SyntheticTrades trades = new SyntheticTrades();

            event.reset().length(trades.encode(0, event.buffer(), 0));
            handler.onEvent(event, 0, true);
            final long first = event.journalIndex();
            event.reset();
            handler.onEvent(event, 1, true);
            assertEquals(MarketEvent.NO_JOURNAL_INDEX, event.journalIndex(), "an empty slot gets no index");
            event.reset().length(trades.encode(1, event.buffer(), 0));
            handler.onEvent(event, 2, true);
            final long second = event.journalIndex();
            handler.onShutdown();

            assertEquals(journal.firstIndex(), first);
            assertEquals(journal.lastIndex(), second);
            assertTrue(second > first);
            assertEquals(2, handler.appendedEvents());
            assertEquals(1, handler.skippedEmptySlots());
            assertEquals(SyntheticTrades.length(0) + SyntheticTrades.length(1), handler.appendedBytes());
            assertEquals(second, handler.lastIndex());
            assertEquals(2, JournalStats.of(journal).entries());
        }
    }

    @Test
    void shouldJournalEachNewInstrumentDefinitionOnce(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final InstrumentRegistry registry = new InstrumentRegistry();
            final JournalEventHandler handler = new JournalEventHandler(journal, registry);
            final MarketEvent event = new MarketEvent();
            final InstrumentDefinitionCodec definitions = new InstrumentDefinitionCodec();
            final Instrument btc = registry.intern(Venue.BINANCE, MarketType.SPOT, "BTCUSDT", "BTC-USDT");
            final Instrument eth = registry.intern(Venue.BINANCE, MarketType.SPOT, "ETHUSDT", "ETH-USDT");

            for (final Instrument instrument : List.of(btc, eth))
            {
                event.reset().length(definitions.encode(instrument, 1, event.buffer(), 0));
                handler.onEvent(event, 0, true);
            }
            event.reset().length(new SyntheticTrades().encode(0, event.buffer(), 0));
            handler.onEvent(event, 2, true);
            handler.onShutdown();

            final JournalStats stats = JournalStats.of(journal);
            assertEquals(2, stats.count(EventType.INSTRUMENT), "definitions arriving through the ring are not repeated");
            assertEquals(0, handler.appendedDefinitions());
            assertEquals(registry.all(), JournalInstruments.rebuild(journal).all());
        }
    }

    @Test
    void shouldLeaveNoIndexOnAnEventItCouldNotJournal(@TempDir final Path dir)
    {
        final Journal journal = Journal.open(new JournalContext().directory(dir));
        final JournalEventHandler handler = new JournalEventHandler(journal);
        final MarketEvent event = new MarketEvent();
        event.length(new SyntheticTrades().encode(0, event.buffer(), 0)).journalIndex(123);
        journal.close();

        assertThrows(RuntimeException.class, () -> handler.onEvent(event, 0, true));

        assertEquals(MarketEvent.NO_JOURNAL_INDEX, event.journalIndex());
        assertEquals(0, handler.appendedEvents());
    }

    @Test
    void shouldNotAllocatePerEvent(@TempDir final Path dir)
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final JournalEventHandler handler = new JournalEventHandler(journal);
            final MarketEvent event = new MarketEvent();
            event.length(new SyntheticTrades().encode(7, event.buffer(), 0));
            for (int i = 0; i < WARM_UP; i++)
            {
                handler.onEvent(event, i, true);
            }

            final long threadId = Thread.currentThread().threadId();
            final long before = threads.getThreadAllocatedBytes(threadId);
            for (int i = 0; i < MEASURED; i++)
            {
                handler.onEvent(event, i, true);
            }
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            handler.onShutdown();

            assertTrue(allocated < MEASURED / 10,
                "append allocated " + allocated + " bytes for " + MEASURED + " events");
            assertNotEquals(MarketEvent.NO_JOURNAL_INDEX, event.journalIndex());
        }
    }

    @Test
    void shouldNotAllocatePerEventWhenReading(@TempDir final Path dir)
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            try (TradeAppender appender = new TradeAppender(journal))
            {
                for (int i = 0; i < WARM_UP + MEASURED; i++)
                {
                    appender.append(i, SyntheticTrades.receiveTimeNanos(i));
                }
            }
            final long[] sum = new long[1];
            final JournalEventListener listener = (buffer, offset, length, index) -> sum[0] += length;
            try (JournalReader reader = journal.newReader())
            {
                reader.toStart();
                reader.poll(listener, WARM_UP);
                final long threadId = Thread.currentThread().threadId();
                final long before = threads.getThreadAllocatedBytes(threadId);
                final int read = reader.poll(listener, MEASURED);
                final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

                assertEquals(MEASURED, read);
                assertTrue(allocated < MEASURED / 10,
                    "reading allocated " + allocated + " bytes for " + MEASURED + " events");
            }
            assertTrue(sum[0] > 0);
        }
    }
}
