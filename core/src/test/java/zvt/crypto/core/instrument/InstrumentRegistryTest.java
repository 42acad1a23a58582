package zvt.crypto.core.instrument;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InstrumentRegistryTest
{
    @Test
    void shouldInternOnceAndFindByEveryKey()
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        final List<Instrument> announced = new ArrayList<>();
        registry.addListener(announced::add);

        final Instrument btc = registry.intern(Venue.BINANCE, MarketType.SPOT, "BTCUSDT", "BTC-USDT");
        final Instrument eth = registry.intern(Venue.BINANCE, MarketType.SPOT, "ETHUSDT", "ETH-USDT");

        assertSame(btc, registry.intern(Venue.BINANCE, MarketType.SPOT, "BTCUSDT", "BTC-USDT"));
        assertEquals(1, btc.id());
        assertEquals(2, eth.id());
        assertSame(eth, registry.byIdOrNull(2));
        assertSame(btc, registry.bySymbol(Venue.BINANCE, MarketType.SPOT, "BTC-USDT"));
        assertNull(registry.bySymbol(Venue.OKX, MarketType.SPOT, "BTC-USDT"));
        assertEquals(List.of(btc, eth), announced);
    }

    @Test
    void shouldRestoreKnownIdsAndRefuseAConflictingOne()
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        registry.put(Instrument.of(7, Venue.OKX, MarketType.SPOT, "BTC-USDT", "BTC-USDT"));

        assertEquals(8, registry.intern(Venue.OKX, MarketType.SPOT, "ETH-USDT", "ETH-USDT").id());
        assertThrows(IllegalStateException.class,
            () -> registry.put(Instrument.of(7, Venue.OKX, MarketType.SPOT, "SOL-USDT", "SOL-USDT")));
    }

    @Test
    void shouldLookUpSymbolBytesInsideAFrame()
    {
        final AsciiSymbolTable table = new AsciiSymbolTable();
        for (int i = 1; i <= 1000; i++)
        {
            table.put("SYM" + i + "USDT", i);
        }
        final byte[] frame = "xx\"SYM733USDT\"xx".getBytes(StandardCharsets.US_ASCII);

        assertEquals(733, table.get(new UnsafeBuffer(frame), 3, 10));
        assertEquals(InstrumentRegistry.NO_INSTRUMENT, table.get(new UnsafeBuffer(frame), 3, 9));
        assertEquals(1000, table.size());
    }
}
