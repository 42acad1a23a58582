package zvt.crypto.core.json;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.BookUpdateEncoder;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.CandleEncoder;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.DecimalEncoder;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.TopOfBookEncoder;
import zvt.crypto.core.codec.TradeEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.InstrumentRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventJsonRendererTest
{
    private final InstrumentRegistry instruments = new InstrumentRegistry();
    private final EventJsonRenderer renderer = new EventJsonRenderer(instruments);
    private final UnsafeBuffer event = new UnsafeBuffer(new byte[512]);
    private final ExpandableArrayBuffer out = new ExpandableArrayBuffer(64);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @Test
    void shouldRenderATradeWithExactPricesAndItsJournalIndex()
    {
        final int id = instruments.intern(Venue.BINANCE, MarketType.SPOT, "BTCUSDT", "BTC-USDT").id();
        final TradeEncoder trade = new TradeEncoder().wrapAndApplyHeader(event, 0, header)
            .receiveTimeNanos(1_634_665_431_956_000_123L)
            .exchangeTimeNanos(1_634_665_431_955_000_000L)
            .instrumentId(id)
            .venue(Venue.BINANCE)
            .aggressorSide(Side.BUY);
        trade.price().mantissa(6319320000000L).exponent((byte)-8);
        trade.size().mantissa(164000L).exponent((byte)-8);
        trade.venueTradeId("1105374158");

        final int length = renderer.render(event, 0, 77, out, 0);

        assertEquals("{\"type\":\"trade\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\",\"instrumentId\":1," +
            "\"price\":\"63193.20000000\",\"size\":\"0.00164000\",\"side\":\"buy\",\"tradeId\":\"1105374158\"," +
            "\"exchangeTime\":1634665431955000000,\"receiveTime\":1634665431956000123,\"journalIndex\":77}",
            out.getStringWithoutLengthAscii(0, length));
    }

    @Test
    void shouldRenderBookLevelsAsSidePriceSizeTriples()
    {
        final BookUpdateEncoder book = new BookUpdateEncoder().wrapAndApplyHeader(event, 0, header)
            .receiveTimeNanos(2)
            .exchangeTimeNanos(1)
            .instrumentId(9)
            .venue(Venue.OKX)
            .kind(BookUpdateKind.DELTA)
            .lastInBatch(BooleanType.TRUE)
            .firstSequence(10)
            .lastSequence(11);
        final BookUpdateEncoder.LevelsEncoder levels = book.levelsCount(2);
        levels.next().side(Side.BUY).price().mantissa(100).exponent((byte)-1);
        levels.size().mantissa(0).exponent((byte)0);
        levels.next().side(Side.SELL).price().mantissa(101).exponent((byte)-1);
        levels.size().mantissa(25).exponent((byte)-1);

        final int length = renderer.render(event, 0, 5, out, 0);

        assertEquals("{\"type\":\"book\",\"venue\":\"OKX\",\"instrumentId\":9,\"kind\":\"delta\",\"firstSequence\":10," +
            "\"lastSequence\":11,\"lastInBatch\":true,\"exchangeTime\":1,\"receiveTime\":2," +
            "\"levels\":[[\"buy\",\"10.0\",\"0\"],[\"sell\",\"10.1\",\"2.5\"]],\"journalIndex\":5}",
            out.getStringWithoutLengthAscii(0, length));
    }

    @Test
    void shouldOmitTheExchangeTimeTheVenueDidNotSend()
    {
        final TopOfBookEncoder top = new TopOfBookEncoder().wrapAndApplyHeader(event, 0, header)
            .receiveTimeNanos(2)
            .exchangeTimeNanos(0)
            .instrumentId(4)
            .venue(Venue.BINANCE)
            .sequence(12);
        top.bidPrice().mantissa(99).exponent((byte)0);
        top.bidSize().mantissa(1).exponent((byte)0);
        top.askPrice().mantissa(101).exponent((byte)0);
        top.askSize().mantissa(2).exponent((byte)0);

        final String json = out.getStringWithoutLengthAscii(0, renderer.render(event, 0, 5, out, 0));

        assertEquals("{\"type\":\"top\",\"venue\":\"BINANCE\",\"instrumentId\":4,\"sequence\":12," +
            "\"bidPrice\":\"99\",\"bidSize\":\"1\",\"askPrice\":\"101\",\"askSize\":\"2\"," +
            "\"receiveTime\":2,\"journalIndex\":5}", json);
    }

    @Test
    void shouldRenderUnknownCandleFieldsAsNull()
    {
        final CandleEncoder candle = new CandleEncoder().wrapAndApplyHeader(event, 0, header)
            .receiveTimeNanos(2)
            .exchangeTimeNanos(1)
            .instrumentId(3)
            .venue(Venue.BYBIT)
            .interval(CandleInterval.M1)
            .closed(BooleanType.TRUE)
            .source(CandleSource.REST)
            .openTimeNanos(0)
            .closeTimeNanos(60_000_000_000L)
            .tradeCount(CandleEncoder.tradeCountNullValue());
        candle.openPrice().mantissa(1).exponent((byte)0);
        candle.highPrice().mantissa(2).exponent((byte)0);
        candle.lowPrice().mantissa(1).exponent((byte)0);
        candle.closePrice().mantissa(2).exponent((byte)0);
        candle.volume().mantissa(15).exponent((byte)-1);
        candle.quoteVolume().mantissa(DecimalEncoder.mantissaNullValue()).exponent((byte)0);

        final String json = out.getStringWithoutLengthAscii(0, renderer.render(event, 0, 9, out, 0));

        assertEquals("{\"type\":\"candle\",\"venue\":\"BYBIT\",\"instrumentId\":3,\"interval\":\"M1\"," +
            "\"source\":\"rest\",\"closed\":true,\"openTime\":0,\"closeTime\":60000000000,\"open\":\"1\"," +
            "\"high\":\"2\",\"low\":\"1\",\"close\":\"2\",\"volume\":\"1.5\",\"quoteVolume\":null," +
            "\"tradeCount\":null,\"exchangeTime\":1,\"receiveTime\":2,\"journalIndex\":9}", json);
    }

    @Test
    void shouldRenderNothingForAForeignSchema()
    {
        event.putShort(4, (short)999);
        assertEquals(0, renderer.render(event, 0, 1, out, 0));
    }
}
