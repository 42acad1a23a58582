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
        assertEquals(SubscriptionChannel.TRADES, decoder.channel());
        assertEquals(Venue.BINANCE, decoder.venue());
        assertEquals("BTC-USDT", decoder.symbol());
        assertEquals("btc-usdt", decoder.symbolText());
    }

    @Test
    void shouldDecodeVenueWideStatusWithoutSymbol()
    {
        assertNull(decode("{\"op\":\"subscribe\",\"channel\":\"status\",\"venue\":\"okx\"}"));
        assertEquals(SubscriptionChannel.STATUS, decoder.channel());
        assertEquals(Venue.OKX, decoder.venue());
        assertNull(decoder.symbol());
    }

    @Test
    void shouldForgetThePreviousRequest()
    {
        assertNull(decode("{\"op\":\"subscribe\",\"channel\":\"book\",\"venue\":\"BYBIT\",\"symbol\":\"ETH-USDT\"}"));
        assertNull(decode("{\"op\":\"ping\"}"));
        assertEquals(ControlOp.PING, decoder.op());
        assertNull(decoder.channel());
        assertNull(decoder.symbolText());
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
    })
    void shouldClassifyRequests(final String json, final Rejection expected)
    {
        assertEquals(expected, decode(json == null ? "" : json), json);
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
