package zvt.crypto.persistence.writer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.function.IntFunction;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.postgresql.copy.CopyManager;

import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.candle.TradeCandles;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.DecimalDecoder;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.journal.Journal;

/**
 * The writer's candle stage: the candle rows of one batch and the trade candles' state behind them.
 * <ul>
 *   <li>Trades go through core's {@link TradeCandles} (the gateway's live candles use the same class). Bars are
 *       staged as they close; at the end of a batch the forming bars of the instruments whose bars changed are staged
 *       too ({@code closed = false}, replaced when they close), with those instruments' aggregator state. A bar a
 *       venue clock closed changes its instrument even when it did not trade, so the saved state stays whole.</li>
 *   <li>The state is committed with the batch, with the journal index it covers ({@link #candleIndex()}). After a
 *       restart or a failed batch it is loaded back, and trades up to that index are not aggregated again, so every
 *       bar comes out as if the writer had never stopped.</li>
 *   <li>Venue-stream and REST candles are staged as journaled, with their source.</li>
 * </ul>
 * Not thread-safe: the writer's thread.
 */
final class WriterCandles
{
    /** Indexed like {@link TradeCandles#INTERVALS}. */
    private static final String[] TABLES = {
        "crypto_ohlcv_1m", "crypto_ohlcv_5m", "crypto_ohlcv_15m", "crypto_ohlcv_1h", "crypto_ohlcv_1d"};
    private static final String[] UPSERTS = new String[TABLES.length];
    private static final String[] BARS = {"1m", "5m", "15m", "1h", "1d"};
    private static final byte[][] BAR_BYTES = new byte[BARS.length][];
    /** Indexed by {@code CandleSource.value() - 1}. */
    private static final byte[][] SOURCE_BYTES = {ascii("trades"), ascii("venue_stream"), ascii("rest")};

    static
    {
        for (int table = 0; table < TABLES.length; table++)
        {
            UPSERTS[table] = WriterSql.upsertCandles(TABLES[table], BARS[table]);
            BAR_BYTES[table] = ascii(BARS[table]);
        }
    }

    private final IntFunction<InstrumentNames> names;
    private final byte[] writerId;
    private final TradeCandles tradeCandles = new TradeCandles(this::onClosed);
    private final CandleBar bar = new CandleBar();
    private final ExpandableArrayBuffer state = new ExpandableArrayBuffer(1024);
    private final CopyRowBuffer rows = new CopyRowBuffer(64 * 1024);
    private final CopyRowBuffer states = new CopyRowBuffer(16 * 1024);
    /** Instruments whose bars changed in this batch: traded, or a bar closed by its venue's clock. */
    private final IntHashSet changed = new IntHashSet();
    private final boolean[] tablesPending = new boolean[TABLES.length];
    /** The last journal index the trade candles have seen: trades up to it are already in their state. */
    private long candleIndex = Journal.NO_INDEX;
    private long currentIndex;
    private long skipped;

    /**
     * @param names    the instrument names for an id (instruments of aggregated trades always have them).
     * @param writerId the writer whose state rows these are (checked by {@link DbWriterContext} to need no escaping).
     */
    WriterCandles(final IntFunction<InstrumentNames> names, final String writerId)
    {
        this.names = names;
        this.writerId = writerId.getBytes(StandardCharsets.US_ASCII);
    }

    /** Aggregates a trade the writer has decoded, unless the state already holds it. */
    void onTrade(final TradeDecoder trade, final long index)
    {
        if (index > candleIndex)
        {
            candleIndex = index;
            currentIndex = index;
            final DecimalDecoder price = trade.price();
            final long priceMantissa = price.mantissa();
            final int priceExponent = price.exponent();
            final DecimalDecoder size = trade.size();
            tradeCandles.onTrade(trade.instrumentId(), trade.venue(), trade.exchangeTimeNanos(),
                trade.receiveTimeNanos(), priceMantissa, priceExponent, size.mantissa(), size.exponent());
            changed.add(trade.instrumentId());
        }
    }

    /**
     * Stages a journaled Candle event from a venue stream or REST; trade-built ones (derived here from the trades)
     * and intervals without a table are counted as skipped.
     */
    void onCandle(final DirectBuffer buffer, final int offset, final long index)
    {
        bar.readFrom(buffer, offset);
        final int table = tableOf(bar.interval());
        if (table < 0 || bar.source() == CandleSource.TRADES || bar.source() == CandleSource.NULL_VAL)
        {
            skipped++;
            return;
        }
        final InstrumentNames name = names.apply(bar.instrumentId());
        if (name != null)
        {
            stage(name, bar, table, index);
        }
    }

    /** Candle rows staged so far in this batch. */
    int rows()
    {
        return rows.rows();
    }

    /**
     * Stages the forming bars and state of the instruments changed in this batch, then writes every staged row in the
     * caller's transaction: two COPYs into staging, then every upsert in one statement batch (one round trip, where a
     * statement each cost six).
     *
     * @return candle rows inserted or updated.
     */
    long write(final Connection connection, final CopyManager copyManager, final long index) throws SQLException
    {
        stageForming(index);
        if (rows.rows() == 0 && states.rows() == 0)
        {
            return 0;
        }
        if (rows.rows() > 0)
        {
            rows.copyInto(copyManager, WriterSql.COPY_CANDLES);
        }
        if (states.rows() > 0)
        {
            states.copyInto(copyManager, WriterSql.COPY_CANDLE_STATE);
        }
        try (Statement statement = connection.createStatement())
        {
            for (int table = 0; table < TABLES.length; table++)
            {
                if (tablesPending[table])
                {
                    statement.addBatch(UPSERTS[table]);
                }
            }
            if (states.rows() > 0)
            {
                statement.addBatch(WriterSql.UPSERT_CANDLE_STATE);
            }
            final int[] counts = statement.executeBatch();
            long written = 0;
            for (int i = 0, candleUpserts = counts.length - (states.rows() > 0 ? 1 : 0); i < candleUpserts; i++)
            {
                written += counts[i];
            }
            return written;
        }
    }

    /**
     * Loads the state committed with the checkpoint, or, with no checkpoint (starting from the beginning of the
     * journal), deletes any state left without one. In the caller's transaction.
     */
    void restore(final Connection connection, final String writerId, final boolean checkpointFound,
        final long committedCandleIndex) throws SQLException
    {
        tradeCandles.clear();
        clearBatch();
        try (PreparedStatement statement = connection.prepareStatement(
            checkpointFound ? WriterSql.SELECT_CANDLE_STATE : WriterSql.DELETE_CANDLE_STATE))
        {
            statement.setString(1, writerId);
            if (checkpointFound)
            {
                try (ResultSet result = statement.executeQuery())
                {
                    while (result.next())
                    {
                        tradeCandles.readState(new UnsafeBuffer(result.getBytes(1)), 0);
                    }
                }
            }
            else
            {
                statement.executeUpdate();
            }
        }
        candleIndex = checkpointFound ? committedCandleIndex : Journal.NO_INDEX;
    }

    /** The journal index the state covers, committed with the checkpoint. */
    long candleIndex()
    {
        return candleIndex;
    }

    /** Candle events not stored: trade-built ones, and intervals without a table. */
    long skipped()
    {
        return skipped;
    }

    /** Trades left out of candles because their minute had already closed. */
    long lateTrades()
    {
        return tradeCandles.lateTrades();
    }

    void clearBatch()
    {
        rows.reset();
        states.reset();
        changed.clear();
        Arrays.fill(tablesPending, false);
    }

    /** A bar closed by the trade just aggregated. */
    private void onClosed(final CandleBar closed)
    {
        changed.add(closed.instrumentId());
        stage(names.apply(closed.instrumentId()), closed, tableOf(closed.interval()), currentIndex);
    }

    private void stageForming(final long index)
    {
        final IntHashSet.IntIterator instrumentIds = changed.iterator();
        while (instrumentIds.hasNext())
        {
            final InstrumentNames name = names.apply(instrumentIds.nextValue());
            for (int table = 0; table < TradeCandles.INTERVALS.length; table++)
            {
                if (tradeCandles.live(name.instrumentId, TradeCandles.INTERVALS[table], bar) != null)
                {
                    stage(name, bar, table, index);
                }
            }
            final int length = tradeCandles.writeState(name.instrumentId, state, 0);
            states.raw(writerId).number(name.instrumentId).bytea(state, 0, length).endRow();
        }
    }

    private void stage(final InstrumentNames name, final CandleBar candle, final int table, final long index)
    {
        tablesPending[table] = true;
        rows.raw(BAR_BYTES[table]).raw(name.entityId).number(candle.openTimeNanos() / 1000)
            .raw(SOURCE_BYTES[candle.source().value() - 1])
            .decimal(candle.openMantissa(), candle.openExponent())
            .decimal(candle.highMantissa(), candle.highExponent())
            .decimal(candle.lowMantissa(), candle.lowExponent())
            .decimal(candle.closeMantissa(), candle.closeExponent())
            .decimal(candle.volume())
            .raw(name.exchange).raw(name.symbol);
        if (candle.isQuoteVolumeKnown())
        {
            rows.decimal(candle.quoteVolume());
        }
        else
        {
            rows.nullValue(); // the venue does not say (Coinbase)
        }
        if (candle.tradeCount() == CandleBar.UNKNOWN_TRADE_COUNT)
        {
            rows.nullValue(); // the venue does not say (Coinbase, Bybit REST)
        }
        else
        {
            rows.number(candle.tradeCount());
        }
        rows.bool(candle.isClosed()).number(index).endRow();
    }

    /** @return the index in {@link #TABLES} of the interval's table, or -1 when it has none. */
    private static int tableOf(final CandleInterval interval)
    {
        for (int table = 0; table < TradeCandles.INTERVALS.length; table++)
        {
            if (TradeCandles.INTERVALS[table] == interval)
            {
                return table;
            }
        }
        return -1;
    }

    private static byte[] ascii(final String value)
    {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
