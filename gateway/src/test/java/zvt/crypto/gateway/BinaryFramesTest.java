package zvt.crypto.gateway;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.TopOfBookDecoder;
import zvt.crypto.core.codec.TradeDecoder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ?encoding=sbe}: events arrive as binary frames holding the journal index and the journal's own SBE bytes,
 * which the generated codecs decode; replies stay JSON text. Live and replayed alike.
 */
class BinaryFramesTest
{
    @TempDir
    Path directory;

    private GatewayHarness harness;

    @AfterEach
    void stop()
    {
        harness.close();
    }

    @Test
    void shouldSendEventsAsJournalIndexAndSbeBytesLiveAndReplayed()
    {
        harness = new GatewayHarness(new GatewayContext(), directory);
        final TestClient json = harness.connect();
        final TestClient sbe = harness.connect("?encoding=sbe");
        assertEquals("subscribed", json.request(GatewayHarness.subscribe("BINANCE", "BTC-USDT")).path("type").asText());
        assertEquals("subscribed", sbe.request(GatewayHarness.subscribe("BINANCE", "BTC-USDT")).path("type").asText());

        harness.publishTrade(harness.btcBinance, "65000.10", "0.00120", Side.SELL, "T-1001");
        final long index = json.nextJson().path("journalIndex").asLong();
        final UnsafeBuffer frame = new UnsafeBuffer(sbe.nextBinary());
        assertEquals(index, frame.getLong(0, ByteOrder.LITTLE_ENDIAN));
        final TradeDecoder trade = new TradeDecoder().wrapAndApplyHeader(frame, 8, new MessageHeaderDecoder());
        assertEquals(harness.btcBinance.id(), trade.instrumentId());
        assertEquals(6_500_010, trade.price().mantissa());
        assertEquals(-2, trade.price().exponent());
        assertEquals(Side.SELL, trade.aggressorSide());
        assertEquals("T-1001", trade.venueTradeId());

        // a resumed binary session replays binary frames too
        harness.publishTop(harness.btcBinance, 650_000, 650_001);
        final TestClient resumed = harness.connect("?encoding=sbe");
        resumed.send("{\"op\":\"subscribe\",\"channel\":\"top\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"," +
            "\"resume_from\":" + index + "}");
        assertEquals("subscribed", resumed.nextJson().path("type").asText());
        final ByteBuffer replayed = resumed.nextBinary();
        final UnsafeBuffer topFrame = new UnsafeBuffer(replayed);
        final TopOfBookDecoder top = new TopOfBookDecoder().wrapAndApplyHeader(topFrame, 8, new MessageHeaderDecoder());
        assertEquals(650_000, top.bidPrice().mantissa());
        assertTrue(topFrame.getLong(0, ByteOrder.LITTLE_ENDIAN) > index, "the top was journaled after the trade");
        assertEquals("live", resumed.nextJson().path("type").asText(), "the gateway's own messages stay JSON");
    }
}
