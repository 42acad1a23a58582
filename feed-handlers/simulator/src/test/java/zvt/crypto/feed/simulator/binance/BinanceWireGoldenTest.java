package zvt.crypto.feed.simulator.binance;

import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.feed.simulator.BookChange;
import zvt.crypto.feed.simulator.BookView;
import zvt.crypto.feed.simulator.MarketListener;
import zvt.crypto.feed.simulator.SimulatedInstrument;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.SyntheticSymbol;
import zvt.crypto.feed.simulator.WireSink;

import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Binance encoder writes exactly the bytes the simulator wrote before the market model was made venue-neutral:
 * 20,000 seeded steps hash to the CRC32 recorded from the original {@code SyntheticSymbol}, which wrote Binance's
 * JSON itself (kinds, payloads and the order of trades, candle inputs, diffs and book tickers).
 */
class BinanceWireGoldenTest
{
    private static final long RECORDED_CRC = 0xc987c4e0L;
    private static final long RECORDED_MESSAGES = 41_974;
    private static final long RECORDED_BYTES = 5_812_492;

    @Test
    void shouldEncodeTheSeededMarketByteForByteAsBefore()
    {
        final CRC32 crc = new CRC32();
        final long[] totals = new long[2];
        final WireSink sink = new WireSink()
        {
            public boolean wants(final StreamKind kind, final int variant)
            {
                return true;
            }

            public void emit(
                final StreamKind kind, final int variant, final DirectBuffer payload, final int length,
                final int spliceAt, final long first, final long last)
            {
                crc.update(kind.ordinal());
                final byte[] bytes = new byte[length];
                payload.getBytes(0, bytes);
                crc.update(bytes);
                totals[0]++;
                totals[1] += length;
            }
        };
        final BinanceWireEncoder encoder = new BinanceWireEncoder("BTCUSDT", sink);
        final MarketListener listener = new MarketListener()
        {
            public void onTrade(
                final long tradeId, final long aggregateId, final long price, final long quantity, final long timeMs,
                final boolean buyerIsMaker)
            {
                encoder.onTrade(tradeId, aggregateId, price, quantity, timeMs, buyerIsMaker);
                crc.update((int)(price ^ quantity ^ tradeId));
            }

            public void onBookChange(final BookChange change, final BookView book)
            {
                encoder.onBookChange(change, book);
            }

            public void onTopOfBook(
                final long updateId, final long bidPrice, final long bidSize, final long askPrice,
                final long askSize, final long timeMs)
            {
                encoder.onTopOfBook(updateId, bidPrice, bidSize, askPrice, askSize, timeMs);
            }
        };
        final SyntheticSymbol symbol = new SyntheticSymbol(SimulatedInstrument.defaultFor("BTCUSDT"), 7, 50, 1 << 12);
        for (int i = 0; i < 20_000; i++)
        {
            symbol.step(1_700_000_000_000L + i, listener);
        }
        assertEquals(RECORDED_MESSAGES, totals[0]);
        assertEquals(RECORDED_BYTES, totals[1]);
        assertEquals(RECORDED_CRC, crc.getValue());
    }
}
