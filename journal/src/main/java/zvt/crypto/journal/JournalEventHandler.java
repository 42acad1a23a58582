package zvt.crypto.journal;

import com.lmax.disruptor.EventHandler;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.InstrumentDefinitionDecoder;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentDefinitionCodec;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.latency.HopLatencies;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The ring's first consumer: appends each slot's bytes to the journal as one Chronicle document and stamps the slot
 * with the resulting journal index, which every later consumer forwards. Empty slots (length 0) are skipped and
 * counted. No allocation per event: the bytes go straight from the slot's array into the mapped file.
 * <p>
 * If an append fails (disk full, journal closed) the document is rolled back, the slot keeps
 * {@link MarketEvent#NO_JOURNAL_INDEX} and the exception goes to the ring's exception handler, which counts it and
 * logs each kind once; later consumers therefore see {@code NO_JOURNAL_INDEX} on an event that is not journaled.
 * <p>
 * Keeping a journal self-describing: given the node's {@link InstrumentRegistry}, the handler re-appends, right after
 * the first event of each new cycle, the definition of every instrument already defined in an earlier cycle
 * (restored from the journal at start, or journaled from the ring since), so retention deleting old cycles never
 * deletes the only definition of an instrument still in use. Instruments whose definition is still on its way
 * through the ring are not repeated. Those entries are journal-only (later ring consumers do not see them) and carry
 * the receive time of the event they follow.
 * <p>
 * Thread-safety: {@link #onEvent} runs on the ring's journal thread only (the appender is acquired on that thread in
 * {@link #onStart()} or on first use); the counters may be read from any thread.
 */
public final class JournalEventHandler implements EventHandler<MarketEvent>
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalEventHandler.class);
    /** Room for the handler's own counters when it is given no registry of the node's. */
    private static final int OWN_COUNTERS = 8;

    private final Journal journal;
    private final InstrumentRegistry registry;
    private HopLatencies latencies;
    private final RollCycle rollCycle;
    private final AtomicCounter appendedEvents;
    private final AtomicCounter appendedBytes;
    private final AtomicCounter skippedEmptySlots;
    private final AtomicCounter appendedDefinitions;
    private final AtomicLong lastIndex = new AtomicLong(Journal.NO_INDEX);
    private final IntHashSet definedInstruments = new IntHashSet();
    private InstrumentDefinitionCodec definitionCodec;
    private UnsafeBuffer definitionBuffer;
    private ExcerptAppender appender;

    /** A handler that journals what passes through the ring, nothing more. */
    public JournalEventHandler(final Journal journal)
    {
        this(journal, null);
    }

    /**
     * @param registry the node's instruments, re-journaled at the start of every cycle; null for none.
     */
    public JournalEventHandler(final Journal journal, final InstrumentRegistry registry)
    {
        this(journal, registry, new CountersRegistry(OWN_COUNTERS));
    }

    /**
     * @param registry the node's instruments, re-journaled at the start of every cycle; null for none.
     * @param counters the node's counters registry, where the handler counts what it appends.
     */
    public JournalEventHandler(
        final Journal journal, final InstrumentRegistry registry, final CountersRegistry counters)
    {
        appendedEvents = counters.counter("zvt_journal_appended_events", "events appended to the journal");
        appendedBytes = counters.counter("zvt_journal_appended_bytes", "event bytes appended to the journal");
        skippedEmptySlots = counters.counter("zvt_journal_skipped_empty_slots",
            "empty ring slots passed over (a producer claimed a slot and published nothing)");
        appendedDefinitions = counters.counter("zvt_journal_appended_definitions",
            "instrument definitions re-journaled at the start of each cycle");
        this.journal = journal;
        this.registry = registry;
        this.rollCycle = journal.context().rollCycle();
        if (registry != null)
        {
            registry.all().forEach(instrument -> definedInstruments.add(instrument.id()));
        }
    }

    /** Measures the exchange → receive and receive → journal hops from now on; call before the ring starts. */
    public JournalEventHandler latencies(final HopLatencies latencies)
    {
        this.latencies = latencies;
        return this;
    }

    public void onStart()
    {
        acquireAppender();
    }

    public void onShutdown()
    {
        if (appender != null)
        {
            appender.close();
            appender = null;
        }
    }

    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        final int length = event.length();
        if (length <= 0)
        {
            skippedEmptySlots.incrementRelease();
            return;
        }

        event.journalIndex(MarketEvent.NO_JOURNAL_INDEX);
        final UnsafeBuffer buffer = event.buffer();
        final long index = append(buffer.byteArray(), buffer.wrapAdjustment(), length);
        event.journalIndex(index);
        if (latencies != null && length >= EventView.MIN_LENGTH)
        {
            final long now = latencies.clock().nanoTime();
            final long received = EventView.receiveTimeNanos(buffer, 0);
            final long exchanged = EventView.exchangeTimeNanos(buffer, 0);
            event.journalTimeNanos(now);
            if (exchanged > 0) // 0: the venue sent no time (Binance's bookTicker), not a latency of 55 years
            {
                latencies.exchangeToReceive().record(received - exchanged);
            }
            latencies.receiveToJournal().record(now - received);
        }

        lastIndex.lazySet(index);
        appendedEvents.incrementRelease();
        appendedBytes.getAndAddRelease(length);

        if (registry != null)
        {
            if (rollCycle.toSequenceNumber(index) == 0)
            {
                appendDefinitions(EventView.receiveTimeNanos(buffer, 0));
            }
            if (EventView.templateId(buffer, 0) == InstrumentDefinitionDecoder.TEMPLATE_ID)
            {
                definedInstruments.add(EventView.instrumentId(buffer, 0));
            }
        }
    }

    /** @return events appended since start (empty slots excluded). */
    public long appendedEvents()
    {
        return appendedEvents.get();
    }

    /** @return bytes of event payload appended (Chronicle's 4-byte document headers excluded). */
    public long appendedBytes()
    {
        return appendedBytes.get();
    }

    /** @return empty slots (length 0) passed over. */
    public long skippedEmptySlots()
    {
        return skippedEmptySlots.get();
    }

    /** @return instrument definitions re-journaled at cycle starts. */
    public long appendedDefinitions()
    {
        return appendedDefinitions.get();
    }

    /** @return journal index of the last event appended, or {@link Journal#NO_INDEX}. */
    public long lastIndex()
    {
        return lastIndex.get();
    }

    private long append(final byte[] bytes, final int offset, final int length)
    {
        final ExcerptAppender appender = this.appender != null ? this.appender : acquireAppender();
        final DocumentContext document = appender.writingDocument();
        try
        {
            document.wire().bytes().write(bytes, offset, length);
            return document.index();
        }
        catch (final RuntimeException | Error ex)
        {
            document.rollbackOnClose();
            throw ex;
        }
        finally
        {
            document.close();
        }
    }

    /** Once per cycle: allocation here is fine. */
    private void appendDefinitions(final long receiveTimeNanos)
    {
        if (definitionCodec == null)
        {
            definitionCodec = new InstrumentDefinitionCodec();
            definitionBuffer = new UnsafeBuffer(new byte[MarketEvent.CAPACITY]);
        }
        int count = 0;
        for (final Instrument instrument : registry.all())
        {
            if (!definedInstruments.contains(instrument.id()))
            {
                continue;
            }
            final int length = definitionCodec.encode(instrument, receiveTimeNanos, definitionBuffer, 0);
            append(definitionBuffer.byteArray(), 0, length);
            count++;
        }
        appendedDefinitions.getAndAdd(count);
        if (count > 0)
        {
            LOG.info("journal cycle {} started: re-journaled {} instrument definitions",
                rollCycle.toCycle(lastIndex.get()), count);
        }
    }

    private ExcerptAppender acquireAppender()
    {
        if (appender == null)
        {
            appender = journal.newAppender();
        }
        return appender;
    }
}
