package zvt.crypto.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.gateway.Rejection;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ControlRequestDecoderTest
{
    private final ControlRequestDecoder decoder = new ControlRequestDecoder();

    @Test
    void shouldDecodeSubscribe()
    {
        assertNull(decode(
            "{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"BINANCE\",\"symbol\":\"btc-usdt\"," +
            "\"id\":[1,{\"a\":2}]}"));
        assertEquals(ControlOp.SUBSCRIBE, decoder.op());
        assertEquals(1, decoder.targets().size());
        assertEquals(SubscriptionChannel.TRADES, target(0).channel());
        assertEquals(Venue.BINANCE, target(0).venue());
        assertEquals("BTC-USDT", target(0).symbol());
        assertEquals("btc-usdt", target(0).symbolText());
        assertEquals(ControlRequestDecoder.NO_RESUME, decoder.resumeFrom());
    }

    @Test
    void shouldDecodeAResumeOfSeveralSubscriptions()
    {
        assertNull(decode("{\"op\":\"subscribe\",\"resume_from\":4810317045760,\"subscriptions\":[" +
            "{\"channel\":\"trades\",\"venue\":\"OKX\",\"symbol\":\"*\",\"mine\":1}," +
            "{\"channel\":\"book\",\"venue\":\"bybit\",\"symbol\":\"ETH-USDT-PERP\"}]}"));
        assertEquals(4810317045760L, decoder.resumeFrom());
        assertEquals(2, decoder.targets().size());
        assertEquals(Venue.OKX, target(0).venue());
        assertEquals("*", target(0).symbol());
        assertEquals(SubscriptionChannel.BOOK, target(1).channel());
        assertEquals("ETH-USDT-PERP", target(1).symbol());
    }

    @Test
    void shouldDecodeAReplayRangeAndSpeed()
    {
        assertNull(decode("{\"op\":\"replay\",\"channel\":\"top\",\"venue\":\"BYBIT\",\"symbol\":\"BTC-USDT\"," +
            "\"from\":\"2026-12-04T01:00:00.5Z\",\"to\":1796346060000,\"speed\":2.5}"));
        assertEquals(ControlOp.REPLAY, decoder.op());
        assertEquals(1_796_346_000_500_000_000L, decoder.fromNanos());
        assertEquals(1_796_346_060_000_000_000L, decoder.toNanos());
        assertEquals(2.5, decoder.speed());
    }

    @Test
    void shouldQuoteTheInvalidSubscriptionOfAList()
    {
        assertEquals(Rejection.UNKNOWN_CHANNEL, decode("{\"op\":\"subscribe\",\"subscriptions\":[" +
            "{\"channel\":\"trades\",\"venue\":\"OKX\",\"symbol\":\"*\"}," +
            "{\"channel\":\"news\",\"venue\":\"OKX\",\"symbol\":\"BTC-USDT\"}]}"));
        assertEquals("news", decoder.echo().channelText());
    }

    @Test
    void shouldDecodeVenueWideStatusWithoutSymbol()
    {
        assertNull(decode("{\"op\":\"subscribe\",\"channel\":\"status\",\"venue\":\"okx\"}"));
        assertEquals(SubscriptionChannel.STATUS, target(0).channel());
        assertEquals(Venue.OKX, target(0).venue());
        assertNull(target(0).symbol());
    }

    @Test
    void shouldForgetThePreviousRequest()
    {
        assertNull(decode("{\"op\":\"subscribe\",\"channel\":\"book\",\"venue\":\"BYBIT\",\"symbol\":\"ETH-USDT\"}"));
        assertNull(decode("{\"op\":\"ping\"}"));
        assertEquals(ControlOp.PING, decoder.op());
        assertEquals(0, decoder.targets().size());
        assertNull(decoder.echo());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"op\":\"ping\"}|",
        "{\"op\":\"PING\"}|",
        "{\"op\":|BAD_JSON",
        "|BAD_JSON",
        "[]|BAD_JSON",
        "\"op\"|BAD_JSON",
        "{\"op\":\"ping\"}{}|BAD_JSON",
        "{\"op\":true}|BAD_JSON",
        "{\"op\":\"ping\"|BAD_JSON",
        "{}|MISSING_FIELD",
        "{\"op\":\"jump\"}|UNKNOWN_OP",
        "{\"op\":\"subscribe\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"}|MISSING_FIELD",
        "{\"op\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"BTC-USDT\"}|MISSING_FIELD",
        "{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"BINANCE\"}|MISSING_FIELD",
        "{\"op\":\"subscribe\",\"channel\":\"news\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"}|UNKNOWN_CHANNEL",
        "{\"op\":\"subscribe\",\"channel\":\"trade\",\"venue\":\"KRAKEN\",\"symbol\":\"BTC-USDT\"}|UNKNOWN_VENUE",
        "{\"op\":\"subscribe\",\"channel\":\"trade\",\"venue\":\"NULL_VAL\",\"symbol\":\"BTC-USDT\"}|UNKNOWN_VENUE",
        "{\"op\":\"unsubscribe\",\"channel\":\"candles\",\"venue\":\"COINBASE\",\"symbol\":\"BTC-USD\"}|",
        "{\"op\":\"subscribe\",\"subscriptions\":[]}|MISSING_FIELD",
        "{\"op\":\"subscribe\",\"subscriptions\":{}}|BAD_JSON",
        "{\"op\":\"subscribe\",\"subscriptions\":[{\"channel\":1}]}|BAD_JSON",
        "{\"op\":\"subscribe\",\"subscriptions\":[{\"channel\":\"trades\",\"venue\":\"OKX\"}]}|MISSING_FIELD",
        "{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"OKX\",\"symbol\":\"*\",\"resume_from\":-1}|BAD_VALUE",
        "{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"OKX\",\"symbol\":\"*\"," +
            "\"resume_from\":1.5}|BAD_VALUE",
        "{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"OKX\",\"symbol\":\"*\",\"resume_from\":\"77\"}|",
        "{\"op\":\"unsubscribe\",\"channel\":\"trades\",\"venue\":\"OKX\",\"symbol\":\"*\"," +
            "\"resume_from\":7}|BAD_VALUE",
        "{\"op\":\"replay\",\"channel\":\"trades\",\"venue\":\"OKX\",\"symbol\":\"*\"}|MISSING_FIELD",
        "{\"op\":\"replay\",\"channel\":\"trades\",\"venue\":\"OKX\",\"symbol\":\"*\"," +
            "\"from\":\"yesterday\"}|BAD_VALUE",
        "{\"op\":\"replay\",\"channel\":\"trades\",\"venue\":\"OKX\",\"symbol\":\"*\",\"from\":5,\"to\":5}|BAD_VALUE",
        "{\"op\":\"replay\",\"channel\":\"trades\",\"venue\":\"OKX\",\"symbol\":\"*\"," +
            "\"from\":5,\"speed\":-1}|BAD_VALUE",
        "{\"op\":\"replay\",\"channel\":\"trades\",\"venue\":\"OKX\",\"symbol\":\"*\"," +
            "\"from\":5,\"speed\":\"x\"}|BAD_VALUE",
        "{\"op\":\"stop_replay\"}|",
        "{\"op\":\"subscribe\",\"channel\":\"book\",\"venue\":\"OKX\",\"symbol\":\"*\",\"depth\":10}|",
        "{\"op\":\"subscribe\",\"channel\":\"book\",\"venue\":\"OKX\",\"symbol\":\"*\",\"depth\":\"full\"}|",
        "{\"op\":\"subscribe\",\"channel\":\"book\",\"venue\":\"OKX\",\"symbol\":\"*\",\"depth\":7}|BAD_DEPTH",
        "{\"op\":\"subscribe\",\"channel\":\"book\",\"venue\":\"OKX\",\"symbol\":\"*\",\"depth\":-5}|BAD_DEPTH",
        "{\"op\":\"subscribe\",\"channel\":\"top\",\"venue\":\"OKX\",\"symbol\":\"*\",\"depth\":10}|BAD_DEPTH",
    })
    void shouldClassifyRequests(final String json, final Rejection expected)
    {
        assertEquals(expected, decode(json == null ? "" : json), json);
    }

    private ControlRequestDecoder.Target target(final int index)
    {
        return decoder.targets().get(index);
    }

    private Rejection decode(final String json)
    {
        final ByteBuf content = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        try
        {
            return decoder.decode(content);
        }
        finally
        {
            content.release();
        }
    }
}
