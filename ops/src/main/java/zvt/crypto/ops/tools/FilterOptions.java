package zvt.crypto.ops.tools;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.journal.replay.ReplayFilter;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filters shared by {@code journal dump} and {@code replay}: time range, venues, symbols, event types.
 */
final class FilterOptions
{
    @Option(names = "--from", converter = EpochNanos.class,
        description = "receive time from (inclusive): ISO-8601 instant or epoch nanos")
    Long from;

    @Option(names = "--to", converter = EpochNanos.class,
        description = "receive time to (exclusive): ISO-8601 instant or epoch nanos")
    Long to;

    @Option(names = "--venue", split = ",", description = "venues: BINANCE, OKX, BYBIT, COINBASE")
    List<String> venues = List.of();

    @Option(names = "--symbol", split = ",", description = "normalized symbols, e.g. BTC-USDT")
    List<String> symbols = List.of();

    @Option(names = "--type", split = ",", description = "event types: trade, book, top, candle, instrument, status")
    List<String> types = List.of();

    ReplayFilter toFilter(final InstrumentRegistry instruments)
    {
        final ReplayFilter filter = ReplayFilter.all();
        if (from != null)
        {
            filter.from(from);
        }
        if (to != null)
        {
            filter.to(to);
        }
        final List<Venue> venueList = venues.stream().map(v -> Venue.valueOf(v.toUpperCase(Locale.ROOT))).toList();
        filter.venues(venueList);
        filter.types(types.stream().map(EventType::ofLabel).toList());
        if (!symbols.isEmpty())
        {
            final List<Integer> ids = new ArrayList<>();
            for (final Instrument instrument : instruments.all())
            {
                if (symbols.contains(instrument.symbol()) &&
                    (venueList.isEmpty() || venueList.contains(instrument.venue())))
                {
                    ids.add(instrument.id());
                }
            }
            if (ids.isEmpty())
            {
                throw new IllegalArgumentException("no instrument in this journal has symbol " + symbols);
            }
            filter.instrumentIds(ids);
        }
        return filter;
    }

    /** {@code --from} and {@code --to}: an ISO-8601 instant or epoch nanoseconds, as epoch nanoseconds. */
    static final class EpochNanos implements ITypeConverter<Long>
    {
        public Long convert(final String text)
        {
            try
            {
                if (!text.isEmpty() && text.chars().allMatch(Character::isDigit))
                {
                    return Long.parseLong(text);
                }
                final Instant instant = Instant.parse(text);
                return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
            }
            catch (final DateTimeParseException | NumberFormatException ex)
            {
                throw new TypeConversionException("'" + text + "' is not a time: use an ISO-8601 instant " +
                    "(2024-01-01T00:00:00Z) or epoch nanoseconds (1704067200000000000)");
            }
        }
    }
}
