package zvt.crypto.feed.test;

import com.lmax.disruptor.EventHandler;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.book.OrderBookEventHandler;
import zvt.crypto.core.codec.BookUpdateDecoder;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.CandleDecoder;
import zvt.crypto.core.codec.DecimalDecoder;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.TopOfBookDecoder;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.codec.VenueStatusDecoder;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.event.MarketEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Ring consumer for the venue tests: keeps every event as canonical text (the same text
 * a venue's reference decoder derives from the JSON), a BookUpdate batch as one line, and feeds a real
 * {@link OrderBookEventHandler}. Read it after the ring is closed (drained).
 */
public final class EventCollector implements EventHandler<MarketEvent>
{
    private final List<String> lines = new ArrayList<>();
    private final OrderBookEventHandler books = new OrderBookEventHandler();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final TopOfBookDecoder top = new TopOfBookDecoder();
    private final CandleDecoder candle = new CandleDecoder();
    private final BookUpdateDecoder update = new BookUpdateDecoder();
    private final VenueStatusDecoder status = new VenueStatusDecoder();
    private StringBuilder batch;

    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.isEmpty())
        {
            return;
        }
        books.onEvent(event, sequence, endOfBatch);
        final UnsafeBuffer buffer = event.buffer();
        header.wrap(buffer, 0);
        switch (header.templateId())
        {
            case TradeDecoder.TEMPLATE_ID ->
            {
                trade.wrapAndApplyHeader(buffer, 0, header);
                lines.add("trade " + trade.instrumentId() + " " + trade.aggressorSide() + " p=" +
                    text(trade.price()) + " q=" + text(trade.size()) + " id=" + trade.venueTradeId() + " T=" +
                    trade.exchangeTimeNanos());
            }
            case TopOfBookDecoder.TEMPLATE_ID ->
            {
                top.wrapAndApplyHeader(buffer, 0, header);
                lines.add("top " + top.instrumentId() + " u=" + top.sequence() + " b=" + text(top.bidPrice()) +
                    " B=" + text(top.bidSize()) + " a=" + text(top.askPrice()) + " A=" + text(top.askSize()) +
                    " T=" + top.exchangeTimeNanos());
            }
            case CandleDecoder.TEMPLATE_ID ->
            {
                candle.wrapAndApplyHeader(buffer, 0, header);
                lines.add("candle " + candle.instrumentId() + " " + candle.interval() + " " + candle.source() +
                    " x=" + candle.closed() + " t=" + candle.openTimeNanos() + " T=" + candle.closeTimeNanos() +
                    " o=" + text(candle.openPrice()) + " h=" + text(candle.highPrice()) + " l=" +
                    text(candle.lowPrice()) + " c=" + text(candle.closePrice()) + " v=" + text(candle.volume()) +
                    " q=" + text(candle.quoteVolume()) + " n=" + candle.tradeCount() + " E=" +
                    candle.exchangeTimeNanos());
            }
            case BookUpdateDecoder.TEMPLATE_ID -> onBookUpdate(buffer);
            case VenueStatusDecoder.TEMPLATE_ID ->
            {
                status.wrapAndApplyHeader(buffer, 0, header);
                lines.add("status " + status.instrumentId() + " " + status.status() + " " + status.reason());
            }
            default -> lines.add("template " + header.templateId());
        }
    }

    public List<String> lines()
    {
        return lines;
    }

    public List<String> lines(final String prefix)
    {
        return lines.stream().filter(line -> line.startsWith(prefix)).toList();
    }

    public OrderBookEventHandler books()
    {
        return books;
    }

    private void onBookUpdate(final UnsafeBuffer buffer)
    {
        update.wrapAndApplyHeader(buffer, 0, header);
        if (batch == null)
        {
            batch = new StringBuilder("book " + update.instrumentId() + " " + update.kind() + " U=" +
                update.firstSequence() + " u=" + update.lastSequence() + " E=" + update.exchangeTimeNanos() + " [");
        }
        for (final BookUpdateDecoder.LevelsDecoder level : update.levels())
        {
            batch.append(level.side()).append(' ').append(text(level.price())).append(' ')
                .append(text(level.size())).append(';');
        }
        if (update.lastInBatch() == BooleanType.TRUE)
        {
            lines.add(batch.append(']').toString());
            batch = null;
        }
    }

    private static String text(final DecimalDecoder decimal)
    {
        return AsciiDecimal.toString(decimal.mantissa(), decimal.exponent());
    }
}
