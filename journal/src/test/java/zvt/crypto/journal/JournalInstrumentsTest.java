package zvt.crypto.journal;

import com.lmax.disruptor.dsl.ProducerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.agrona.concurrent.SystemEpochNanoClock;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.ring.ControlEventPublisher;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A journal describes its instruments: a registry rebuilt from it gives every instrument its journaled id.
 */
class JournalInstrumentsTest
{
    private static final Instrument BTC = new Instrument(1, Venue.BINANCE, MarketType.SPOT, "BTCUSDT", "BTC-USDT",
        -2, -5, 1, 1);
    private static final Instrument ETH = new Instrument(2, Venue.OKX, MarketType.PERPETUAL, "ETH-USDT-SWAP",
        "ETH-USDT", -2, -3, 1, 1);
    private static final Instrument SOL = new Instrument(3, Venue.COINBASE, MarketType.SPOT, "SOL-USD", "SOL-USD",
        -3, -8, 1, 1_000);

    @Test
    void shouldRebuildEveryInstrumentWithItsId(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            journalDefinitions(journal, BTC, ETH, SOL);

            final InstrumentRegistry rebuilt = JournalInstruments.rebuild(journal);

            assertEquals(List.of(BTC, ETH, SOL), rebuilt.all());
        }
    }

    @Test
    void shouldKeepIdsStableWhenANodeRestartsOnItsJournal(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            journalDefinitions(journal, BTC, ETH);
        }

        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final InstrumentRegistry registry = new InstrumentRegistry();
            final JournalInstruments.Result result = JournalInstruments.restore(journal, registry);

            assertEquals(new JournalInstruments.Result(2, 0), result);
            assertSame(registry.byIdOrNull(2),
                registry.intern(Venue.OKX, MarketType.PERPETUAL, "ETH-USDT-SWAP", "ETH-USDT"));
            assertEquals(3, registry.intern(Venue.BYBIT, MarketType.SPOT, "XRPUSDT", "XRP-USDT").id(),
                "a new instrument gets the next free id");
        }
    }

    @Test
    void shouldApplyRefinementsAndSkipConflictingDefinitions(@TempDir final Path dir)
    {
        final Instrument refinedBtc = new Instrument(1, Venue.BINANCE, MarketType.SPOT, "BTCUSDT", "BTC-USDT",
            -2, -6, 5, 10);
        final Instrument conflicting = new Instrument(2, Venue.BYBIT, MarketType.SPOT, "DOGEUSDT", "DOGE-USDT",
            0, 0, 0, 0);
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            journalDefinitions(journal, BTC, ETH, refinedBtc, conflicting);

            final InstrumentRegistry registry = new InstrumentRegistry();
            final JournalInstruments.Result result = JournalInstruments.restore(journal, registry);

            assertEquals(new JournalInstruments.Result(3, 1), result);
            assertEquals(List.of(refinedBtc, ETH), registry.all());
        }
    }

    private static void journalDefinitions(final Journal journal, final Instrument... instruments)
    {
        final JournalTestRing ring = new JournalTestRing(new JournalEventHandler(journal), 16, ProducerType.MULTI);
        final ControlEventPublisher control = new ControlEventPublisher(ring.ringBuffer(), new SystemEpochNanoClock());
        for (final Instrument instrument : instruments)
        {
            control.publishDefinition(instrument);
        }
        ring.close();
        assertEquals(instruments.length, ring.recorder().count());
    }
}
