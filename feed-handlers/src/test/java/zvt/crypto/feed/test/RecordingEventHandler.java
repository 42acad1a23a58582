package zvt.crypto.feed.test;

import com.lmax.disruptor.EventHandler;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.codec.VenueStatusDecoder;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.event.MarketEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Test stand-in for the journal: the ring's first consumer, keeping a copy of every non-empty event in ring order.
 */
public final class RecordingEventHandler implements EventHandler<MarketEvent>
{
    private final List<byte[]> events = new ArrayList<>();

    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.isEmpty())
        {
            return;
        }
        final byte[] copy = new byte[event.length()];
        event.buffer().getBytes(0, copy);
        synchronized (events)
        {
            events.add(copy);
        }
    }

    public int count()
    {
        synchronized (events)
        {
            return events.size();
        }
    }

    /** Template ids of the recorded events, in ring order. */
    public List<Integer> templateIds()
    {
        final List<Integer> templateIds = new ArrayList<>();
        for (final byte[] bytes : snapshot())
        {
            templateIds.add(EventView.templateId(new UnsafeBuffer(bytes), 0));
        }
        return templateIds;
    }

    public List<DecodedTrade> trades()
    {
        final List<DecodedTrade> trades = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final TradeDecoder decoder = new TradeDecoder();
        for (final byte[] bytes : snapshot())
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            header.wrap(buffer, 0);
            if (header.templateId() == TradeDecoder.TEMPLATE_ID)
            {
                decoder.wrapAndApplyHeader(buffer, 0, header);
                trades.add(new DecodedTrade(
                    decoder.instrumentId(),
                    decoder.venue(),
                    decoder.aggressorSide(),
                    AsciiDecimal.toString(decoder.price().mantissa(), decoder.price().exponent()),
                    AsciiDecimal.toString(decoder.size().mantissa(), decoder.size().exponent()),
                    decoder.venueTradeId(),
                    decoder.exchangeTimeNanos(),
                    decoder.receiveTimeNanos()));
            }
        }
        return trades;
    }

    public List<DecodedStatus> statuses()
    {
        final List<DecodedStatus> statuses = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final VenueStatusDecoder decoder = new VenueStatusDecoder();
        for (final byte[] bytes : snapshot())
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            header.wrap(buffer, 0);
            if (header.templateId() == VenueStatusDecoder.TEMPLATE_ID)
            {
                decoder.wrapAndApplyHeader(buffer, 0, header);
                statuses.add(new DecodedStatus(
                    decoder.venue(), decoder.instrumentId(), decoder.status(), decoder.reason()));
            }
        }
        return statuses;
    }

    private List<byte[]> snapshot()
    {
        synchronized (events)
        {
            return new ArrayList<>(events);
        }
    }
}
