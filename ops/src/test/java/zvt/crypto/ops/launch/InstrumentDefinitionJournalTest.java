package zvt.crypto.ops.launch;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentDefinitionCodec;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.VenueSimulators;
import zvt.crypto.ops.config.NodeConfig;
import zvt.crypto.ops.test.JournalScan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node on the four venue simulators journals each instrument once, with the tick and lot sizes of the venue's
 * reference data, before the instrument's first market event: the feeds connect only once the reference data is in.
 */
class InstrumentDefinitionJournalTest
{
    private static final List<Venue> VENUES = List.of(Venue.BINANCE, Venue.OKX, Venue.BYBIT, Venue.COINBASE);

    @TempDir
    Path directory;

    @Test
    void shouldJournalEachInstrumentOnceWithItsSizesBeforeItsFirstEvent() throws Exception
    {
        final Path journalDir = directory.resolve("journal");
        try (VenueSimulators simulators = VenueSimulators.launch(VENUES,
            new BinanceSimulatorContext().port(0).seed(5).messagesPerSecond(400)))
        {
            NodeConfig config = NodeConfig.defaults(Map.of())
                .with("journal.dir", journalDir.toString())
                .with("gateway.port", "0")
                .with("gateway.auth.enabled", "false")
                .with("db.enabled", "false")
                .with("venues", "binance,okx,bybit,coinbase");
            for (final Venue venue : VENUES)
            {
                final String prefix = venue.name().toLowerCase() + ".";
                for (final Map.Entry<String, String> setting : simulators.feedSettings(venue).entrySet())
                {
                    config = config.with(prefix + setting.getKey(), setting.getValue());
                }
            }
            try (MarketDataNode node = MarketDataNode.launch(config, new SystemEpochNanoClock()))
            {
                final long deadline = System.nanoTime() + 15_000_000_000L;
                while (node.journaledEvents() < 2_000 && System.nanoTime() < deadline)
                {
                    Thread.sleep(50);
                }
                assertTrue(node.journaledEvents() >= 2_000, "events journaled: " + node.journaledEvents());
            }
        }

        final InstrumentDefinitionCodec codec = new InstrumentDefinitionCodec();
        final Map<Integer, Instrument> defined = new HashMap<>();
        final Set<Venue> venuesDefined = new HashSet<>();
        final List<String> problems = new ArrayList<>();
        final long[] marketEvents = {0};
        JournalScan.each(journalDir, (final DirectBuffer buffer, final int offset, final int length, final long at) ->
        {
            final int templateId = EventView.templateId(buffer, offset);
            if (templateId == EventType.INSTRUMENT.templateId())
            {
                final Instrument instrument = codec.decode(buffer, offset, length);
                if (defined.put(instrument.id(), instrument) != null)
                {
                    problems.add("defined twice: " + instrument);
                }
                if (!instrument.sizesKnown())
                {
                    problems.add("defined without tick and lot: " + instrument);
                }
                venuesDefined.add(instrument.venue());
            }
            else if (templateId != EventType.VENUE_STATUS.templateId())
            {
                marketEvents[0]++;
                final int instrumentId = EventView.instrumentId(buffer, offset);
                if (!defined.containsKey(instrumentId))
                {
                    problems.add("event at " + at + " before instrument " + instrumentId + " is defined");
                }
            }
        });
        assertEquals(List.of(), problems.subList(0, Math.min(10, problems.size())));
        assertEquals(Set.copyOf(VENUES), venuesDefined);
        assertTrue(marketEvents[0] > 1_000, "market events: " + marketEvents[0]);
        System.out.println("instrument definitions: " + defined.size() + " instruments, each defined once with " +
            "its sizes before " + marketEvents[0] + " market events");
    }
}
