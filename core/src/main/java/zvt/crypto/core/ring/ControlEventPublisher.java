package zvt.crypto.core.ring;

import com.lmax.disruptor.RingBuffer;
import org.agrona.concurrent.EpochNanoClock;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.codec.VenueStatusEncoder;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentDefinitionCodec;

/**
 * Publishes the pipeline's own events into the ring: instrument definitions (so a journal describes itself) and
 * venue status changes. These are rare, so one synchronized publisher serves every thread.
 */
public final class ControlEventPublisher
{
    private final RingBuffer<MarketEvent> ring;
    private final EpochNanoClock clock;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InstrumentDefinitionCodec definitions = new InstrumentDefinitionCodec();
    private final VenueStatusEncoder status = new VenueStatusEncoder();

    public ControlEventPublisher(final RingBuffer<MarketEvent> ring, final EpochNanoClock clock)
    {
        this.ring = ring;
        this.clock = clock;
    }

    /**
     * A registry listener: journals an instrument once its tick and lot sizes are known, so no definition claims a
     * tick of 0. A feed whose reference data is unavailable journals its instruments as they are
     * ({@link #publishDefinition}) before it connects.
     */
    public void onInstrument(final Instrument instrument)
    {
        if (instrument.sizesKnown())
        {
            publishDefinition(instrument);
        }
    }

    public synchronized void publishDefinition(final Instrument instrument)
    {
        final long sequence = ring.next();
        try
        {
            final MarketEvent event = ring.get(sequence).reset();
            event.length(definitions.encode(instrument, clock.nanoTime(), event.buffer(), 0));
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * @param instrumentId the instrument concerned, or 0 for the whole connection.
     * @param reason       short ASCII text; truncated to what the schema holds.
     */
    public synchronized void publishStatus(
        final Venue venue, final int instrumentId, final VenueStatusCode code, final String reason)
    {
        final long sequence = ring.next();
        try
        {
            final MarketEvent event = ring.get(sequence).reset();
            status.wrapAndApplyHeader(event.buffer(), 0, header)
                .receiveTimeNanos(clock.nanoTime())
                .exchangeTimeNanos(0)
                .instrumentId(instrumentId)
                .venue(venue)
                .status(code)
                .reason(reason.length() > 254 ? reason.substring(0, 254) : reason);
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + status.encodedLength());
        }
        finally
        {
            ring.publish(sequence);
        }
    }
}
