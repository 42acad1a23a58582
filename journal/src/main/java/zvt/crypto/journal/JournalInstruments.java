package zvt.crypto.journal;

import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.instrument.InstrumentDefinitionCodec;
import zvt.crypto.core.instrument.InstrumentRegistry;

/**
 * Rebuilds the instruments a journal describes from its InstrumentDefinition entries, so tools can name instruments
 * and a node restarting on an existing journal keeps every instrument id it used before.
 * <p>
 * A definition that cannot be applied (malformed, or an id the registry already gives to another instrument) is
 * skipped and counted; the first such failure is logged with its reason. Later definitions of the same id replace
 * earlier ones, as reference-data refinements do.
 * <p>
 * Restore before anything listens to the registry (a node's listener that journals new definitions would otherwise
 * journal every restored one again). Thread-safety: static and stateless; each call reads on the calling thread.
 */
public final class JournalInstruments
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalInstruments.class);

    private JournalInstruments()
    {
    }

    /** @return a new registry holding every instrument the journal defines. */
    public static InstrumentRegistry rebuild(final Journal journal)
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        restore(journal, registry);
        return registry;
    }

    /**
     * Puts every instrument the journal defines into the registry, with its journaled id.
     *
     * @return the outcome: definitions applied and skipped.
     */
    public static Result restore(final Journal journal, final InstrumentRegistry registry)
    {
        final Restorer restorer = new Restorer(registry);
        try (JournalReader reader = journal.newReader())
        {
            reader.toStart();
            while (reader.readNext(restorer))
            {
                // the restorer does the work
            }
        }
        if (restorer.skipped > 0)
        {
            LOG.warn("journal {}: {} instrument definitions skipped; first at index {}: {}",
                journal.directory(), restorer.skipped, restorer.firstSkippedIndex, restorer.firstSkippedReason);
        }
        return new Result(restorer.applied, restorer.skipped);
    }

    /**
     * @param applied definitions put into the registry (an instrument defined twice counts twice).
     * @param skipped definitions that could not be applied.
     */
    public record Result(long applied, long skipped)
    {
    }

    private static final class Restorer implements JournalEventListener
    {
        private final InstrumentRegistry registry;
        private final InstrumentDefinitionCodec codec = new InstrumentDefinitionCodec();
        private long applied;
        private long skipped;
        private long firstSkippedIndex = Journal.NO_INDEX;
        private String firstSkippedReason;

        Restorer(final InstrumentRegistry registry)
        {
            this.registry = registry;
        }

        public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
        {
            if (length < EventView.MIN_LENGTH ||
                EventView.templateId(buffer, offset) != EventType.INSTRUMENT.templateId())
            {
                return;
            }
            try
            {
                registry.put(codec.decode(buffer, offset, length));
                applied++;
            }
            catch (final RuntimeException ex)
            {
                if (skipped++ == 0)
                {
                    firstSkippedIndex = index;
                    firstSkippedReason = ex.toString();
                }
            }
        }
    }
}
