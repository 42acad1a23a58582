package zvt.crypto.persistence.writer;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.ProducerType;

import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentDefinitionCodec;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalEventHandler;
import zvt.crypto.persistence.TestEvents;

/**
 * A steady simulated stream through the real ring into the journal, as a node's feed would produce it: the two
 * test instruments' definitions, then trades {@code firstTrade, firstTrade + 1, ...} alternating between them at
 * a fixed rate, from its own thread, {@value #EXCHANGE_NANOS_APART} ns apart in exchange time (so a few seconds
 * of stream span many candle buckets). Close stops the stream and drains the ring into the journal.
 */
final class SyntheticStream implements AutoCloseable
{
    static final long EXCHANGE_NANOS_APART = 25_000_000L;

    private final MarketEventRing ring;
    private final Thread thread;
    private final long firstTrade;
    private final long tradesPerSecond;
    private final JournalEventHandler journalHandler;
    private volatile boolean running = true;
    private volatile long published;

    SyntheticStream(final Journal journal, final long firstTrade, final long tradesPerSecond)
    {
        this.firstTrade = firstTrade;
        this.tradesPerSecond = tradesPerSecond;
        journalHandler = new JournalEventHandler(journal);
        ring = new MarketEventRing(new RingContext().ringSize(8192).producerType(ProducerType.SINGLE),
            journalHandler, List.of()).start();
        thread = new Thread(this::run, "synthetic-stream");
        thread.start();
    }

    long published()
    {
        return published;
    }

    long journaled()
    {
        return journalHandler.appendedEvents();
    }

    private void run()
    {
        final RingBuffer<MarketEvent> buffer = ring.ringBuffer();
        final InstrumentDefinitionCodec codec = new InstrumentDefinitionCodec();
        for (final Instrument instrument : List.of(TestEvents.BTC, TestEvents.ETH))
        {
            final long sequence = buffer.next();
            final MarketEvent event = buffer.get(sequence).reset();
            event.length(codec.encode(instrument, TestEvents.BASE_NANOS, event.buffer(), 0));
            buffer.publish(sequence);
        }
        final long start = System.nanoTime();
        long i = 0;
        while (running)
        {
            final long due = (i * 1_000_000_000L) / tradesPerSecond;
            if (System.nanoTime() - start < due)
            {
                LockSupport.parkNanos(200_000);
                continue;
            }
            final long trade = firstTrade + i;
            final long sequence = buffer.next();
            final MarketEvent event = buffer.get(sequence).reset();
            event.length(TestEvents.encodeTrade(event.buffer(), 0, (trade & 1) == 0 ? TestEvents.BTC : TestEvents.ETH,
                trade, true, EXCHANGE_NANOS_APART));
            buffer.publish(sequence);
            published = ++i;
        }
    }

    public void close() throws InterruptedException
    {
        running = false;
        thread.join();
        ring.close();
    }
}
