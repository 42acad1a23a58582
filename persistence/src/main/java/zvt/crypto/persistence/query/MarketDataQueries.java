package zvt.crypto.persistence.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.persistence.DatabaseContext;
import zvt.crypto.persistence.EntityIds;

/**
 * The reads behind the gateway's REST API: candles, trades and the latest book snapshot of one instrument over a
 * time range (from inclusive, to exclusive), each a single range scan of a primary key. Connections come from a
 * HikariCP pool (a connection per request would cost more than the query), which drops a connection that fails and
 * opens another when one is needed.
 * <p>
 * Candles and trades go to a {@link RowHandler} row by row, their NUMERICs as the server's text ({@code ::text}):
 * that text is what the API sends, so no {@code BigDecimal} is parsed only to be printed again, and a cast column
 * stays text when pgjdbc moves a statement to binary results (where {@code getString} of a NUMERIC would give
 * {@code BigDecimal.toString}, exponent and all).
 * <p>
 * Thread-safe: each call borrows its own connection.
 */
public final class MarketDataQueries implements AutoCloseable
{
    /** How long a query may wait for a connection before it fails. */
    private static final long CONNECTION_WAIT_MS = 5_000;
    /** Most rows one call returns. */
    public static final int MAX_LIMIT = 10_000;

    private static final String CANDLES = "SELECT timestamp, source, open::text, high::text, low::text, close::text," +
        " volume::text, quote_volume::text, trade_count, closed" +
        " FROM %s WHERE entity_id = ? AND source = ? AND timestamp >= ? AND timestamp < ?" +
        " ORDER BY timestamp LIMIT ?";
    private static final String TRADES = "SELECT timestamp, trade_id, price::text, quantity::text, side," +
        " journal_index FROM crypto_trades WHERE entity_id = ? AND timestamp >= ?" +
        " AND (timestamp, journal_index) > (?, ?) AND timestamp < ?" +
        " ORDER BY timestamp, journal_index LIMIT ?";
    private static final String LATEST_BOOK = "SELECT timestamp, sequence, bids::text, asks::text" +
        " FROM crypto_orderbook WHERE entity_id = ? ORDER BY timestamp DESC, sequence DESC LIMIT 1";

    private final HikariDataSource pool;

    /**
     * Connects lazily: a database that is down when the node starts only fails the queries made while it is.
     *
     * @param maxConnections at most this many connections, one per query running at once.
     */
    public MarketDataQueries(final DatabaseContext context, final int maxConnections)
    {
        context.conclude();
        final HikariConfig config = new HikariConfig();
        config.setPoolName("market-data-queries");
        config.setJdbcUrl(context.url());
        config.setDataSourceProperties(context.connectionProperties());
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(CONNECTION_WAIT_MS);
        config.setReadOnly(true);
        pool = new HikariDataSource(config);
    }

    /**
     * Bars with open time in [from, to), oldest first, at most {@code limit}, each to {@code handler} as it is read.
     *
     * @param source trades (built from the journal), venue_stream or rest.
     * @return how many bars the handler took.
     */
    public <E extends Exception> int candles(
        final Venue venue, final MarketType marketType, final String symbol, final OhlcvInterval interval,
        final String source, final Instant from, final Instant to, final int limit,
        final RowHandler<? super CandleRow, E> handler) throws SQLException, E
    {
        try (Connection connection = pool.getConnection();
            PreparedStatement statement = connection.prepareStatement(String.format(CANDLES, interval.table())))
        {
            statement.setString(1, EntityIds.entityId(venue, marketType, symbol));
            statement.setString(2, source);
            statement.setTimestamp(3, Timestamp.from(from));
            statement.setTimestamp(4, Timestamp.from(to));
            statement.setInt(5, checkLimit(limit));
            int rows = 0;
            try (ResultSet result = statement.executeQuery())
            {
                while (result.next())
                {
                    final long tradeCount = result.getLong(9);
                    final boolean noCount = result.wasNull();
                    final boolean closed = result.getBoolean(10);
                    final boolean noClosed = result.wasNull(); // before the getters below, which reset it
                    handler.onRow(new CandleRow(result.getTimestamp(1).toInstant(), result.getString(2),
                        result.getString(3), result.getString(4), result.getString(5), result.getString(6),
                        result.getString(7), result.getString(8), noCount ? null : tradeCount,
                        noClosed ? null : closed));
                    rows++;
                }
            }
            return rows;
        }
    }

    /**
     * Trades with time in [from, to), oldest first (journal order within a time), at most {@code limit}, each to
     * {@code handler} as it is read.
     *
     * @return how many trades the handler took.
     */
    public <E extends Exception> int trades(
        final Venue venue, final MarketType marketType, final String symbol, final Instant from, final Instant to,
        final int limit, final RowHandler<? super TradeRow, E> handler) throws SQLException, E
    {
        return trades(venue, marketType, symbol, from, -1, to, limit, handler);
    }

    /**
     * The page of trades after a position, for cursor pagination: a page ends at a trade's (time, journal index) and
     * the next starts right after it, so trades sharing a time are neither skipped nor repeated.
     *
     * @param afterJournalIndex trades at time {@code from} with this journal index or lower are skipped; -1 for none.
     * @param handler           takes the trades after ({@code from}, {@code afterJournalIndex}) and before {@code to},
     *                          oldest first, at most {@code limit}, as they are read.
     * @return how many trades the handler took.
     */
    public <E extends Exception> int trades(
        final Venue venue, final MarketType marketType, final String symbol, final Instant from,
        final long afterJournalIndex, final Instant to, final int limit, final RowHandler<? super TradeRow, E> handler)
        throws SQLException, E
    {
        try (Connection connection = pool.getConnection();
            PreparedStatement statement = connection.prepareStatement(TRADES))
        {
            statement.setString(1, EntityIds.entityId(venue, marketType, symbol));
            statement.setTimestamp(2, Timestamp.from(from));
            statement.setTimestamp(3, Timestamp.from(from));
            statement.setLong(4, afterJournalIndex);
            statement.setTimestamp(5, Timestamp.from(to));
            statement.setInt(6, checkLimit(limit));
            int rows = 0;
            try (ResultSet result = statement.executeQuery())
            {
                while (result.next())
                {
                    handler.onRow(new TradeRow(result.getTimestamp(1).toInstant(), result.getString(2),
                        result.getString(3), result.getString(4), result.getString(5), result.getLong(6)));
                    rows++;
                }
            }
            return rows;
        }
    }

    /** @return the most recent stored snapshot of the book, if any. */
    public Optional<BookSnapshotRow> latestBook(final Venue venue, final MarketType marketType, final String symbol)
        throws SQLException
    {
        try (Connection connection = pool.getConnection();
            PreparedStatement statement = connection.prepareStatement(LATEST_BOOK))
        {
            statement.setString(1, EntityIds.entityId(venue, marketType, symbol));
            try (ResultSet result = statement.executeQuery())
            {
                return result.next() ?
                    Optional.of(new BookSnapshotRow(result.getTimestamp(1).toInstant(), result.getLong(2),
                        result.getString(3), result.getString(4))) : Optional.empty();
            }
        }
    }

    public void close()
    {
        pool.close();
    }

    private static int checkLimit(final int limit)
    {
        if (limit < 1 || limit > MAX_LIMIT)
        {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
        return limit;
    }
}
