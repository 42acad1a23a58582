package zvt.crypto.persistence.writer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.agrona.DirectBuffer;

import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.candle.DecimalSum;
import zvt.crypto.core.candle.TradeCandles;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.event.EventView;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalReader;
import zvt.crypto.persistence.TestSchema;

/**
 * The trade candles as rows ({@code interval instrument openMicros open high low close volume quoteVolume count
 * closed}, numbers without trailing zeros), from the database and as a journal must leave them: every bar core's
 * {@link TradeCandles} closes reading the whole journal in one go, plus each instrument's forming bars.
 */
final class TradeCandleRows
{
    private TradeCandleRows()
    {
    }

    static List<String> expected(final Journal journal)
    {
        final List<String> rows = new ArrayList<>();
        final TreeSet<Integer> instruments = new TreeSet<>();
        final TradeCandles candles = new TradeCandles(bar -> rows.add(row(bar)));
        try (JournalReader reader = journal.newReader())
        {
            reader.toStart();
            while (reader.readNext((final DirectBuffer buffer, final int offset, final int length, final long index) ->
            {
                if (length >= EventView.MIN_LENGTH && candles.onEvent(buffer, offset))
                {
                    instruments.add(EventView.instrumentId(buffer, offset));
                }
            }))
            {
                // reading
            }
        }
        final CandleBar live = new CandleBar();
        for (final int instrument : instruments)
        {
            for (final CandleInterval interval : TradeCandles.INTERVALS)
            {
                if (candles.live(instrument, interval, live) != null)
                {
                    rows.add(row(live));
                }
            }
        }
        rows.sort(null);
        return rows;
    }

    static List<String> stored(final TestSchema schema)
    {
        final StringBuilder sql = new StringBuilder("SELECT string_agg(r, E'\\n') FROM (");
        for (final CandleInterval interval : TradeCandles.INTERVALS)
        {
            final String label = CandleIntervals.shortName(interval);
            if (interval != CandleInterval.M1)
            {
                sql.append(" UNION ALL ");
            }
            sql.append("SELECT concat_ws(' ', '").append(label).append("', p.instrument_id,")
                .append(" (extract(epoch FROM c.timestamp) * 1000000)::bigint, trim_scale(c.open), trim_scale(c.high),")
                .append(" trim_scale(c.low), trim_scale(c.close), trim_scale(c.volume), trim_scale(c.quote_volume),")
                .append(" c.trade_count, c.closed) AS r FROM crypto_ohlcv_").append(label)
                .append(" c JOIN crypto_pairs p ON p.entity_id = c.entity_id WHERE c.source = 'trades'");
        }
        final String all = schema.queryString(sql.append(") t").toString());
        final List<String> rows = all == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(all.split("\n")));
        rows.sort(null);
        return rows;
    }

    private static String row(final CandleBar bar)
    {
        return String.join(" ", CandleIntervals.shortName(bar.interval()), Integer.toString(bar.instrumentId()),
            Long.toString(bar.openTimeNanos() / 1000), price(bar.openMantissa(), bar.openExponent()),
            price(bar.highMantissa(), bar.highExponent()), price(bar.lowMantissa(), bar.lowExponent()),
            price(bar.closeMantissa(), bar.closeExponent()), sum(bar.volume()), sum(bar.quoteVolume()),
            Long.toString(bar.tradeCount()), bar.isClosed() ? "t" : "f");
    }

    private static String price(final long mantissa, final int exponent)
    {
        return plain(BigDecimal.valueOf(mantissa, -exponent));
    }

    private static String sum(final DecimalSum sum)
    {
        return plain(sum.toBigDecimal());
    }

    private static String plain(final BigDecimal value)
    {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
