package zvt.crypto.bench.persistence;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

import org.agrona.ExpandableArrayBuffer;
import org.postgresql.PGConnection;

import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.TradeEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentDefinitionCodec;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalEventHandler;
import zvt.crypto.persistence.DatabaseContext;
import zvt.crypto.persistence.writer.BinaryCopyRowBuffer;
import zvt.crypto.persistence.writer.CopyRowBuffer;
import zvt.crypto.persistence.writer.CopyRows;
import zvt.crypto.persistence.writer.DbWriter;
import zvt.crypto.persistence.writer.DbWriterContext;

/**
 * Trade rows per second into crypto_trades (primary key and all), side by side in one run, each on an empty table,
 * 10,000 rows per transaction:
 * <ol>
 *     <li>{@code copy-binary}: binary COPY straight into the table, rows built by {@link BinaryCopyRowBuffer} (the
 *     writer's path for journal ranges never written before);</li>
 *     <li>{@code copy-text}: the same in COPY's text format ({@link CopyRowBuffer}; the writer's format before);</li>
 *     <li>{@code copy-staged}: binary COPY into a staging table, then {@code INSERT ... SELECT ... ON CONFLICT DO
 *     NOTHING} (the writer's path when a range may have been written before);</li>
 *     <li>{@code insert}: multi-row {@code INSERT ... VALUES (...), ... ON CONFLICT DO NOTHING}, 1,000 rows per
 *     statement, prepared;</li>
 *     <li>{@code writer}: the whole DbWriter catching up on a journal of trades: read and decode the journal, binary
 *     COPY, candles of every interval, candle state, checkpoint.</li>
 * </ol>
 * Arguments: [JDBC URL] [rows for copy and writer, default 1,000,000] [rows for insert, default 200,000].
 */
public final class CopyVsInsertBenchmark
{
    private static final int BATCH = 10_000;
    private static final int INSERT_ROWS_PER_STATEMENT = 1_000;
    private static final long BASE_NANOS = 1_767_225_600_000_000_000L;
    private static final String COLUMNS = "(entity_id, timestamp, trade_id, price, quantity, side, exchange, symbol," +
        " is_buyer_maker, receive_time, journal_index)";
    private static final String COPY_BINARY = "COPY crypto_trades " + COLUMNS + " FROM STDIN (FORMAT binary)";
    private static final String COPY_TEXT = "COPY crypto_trades " + COLUMNS + " FROM STDIN";
    private static final String STAGE =
        "CREATE TEMP TABLE IF NOT EXISTS stage_trades (LIKE crypto_trades) ON COMMIT DELETE ROWS";
    private static final String COPY_STAGED = "COPY stage_trades " + COLUMNS + " FROM STDIN (FORMAT binary)";
    private static final String MOVE = "INSERT INTO crypto_trades " + COLUMNS + " SELECT " +
        COLUMNS.substring(1, COLUMNS.length() - 1) + " FROM stage_trades ON CONFLICT DO NOTHING";
    private static final byte[] ENTITY = "spot_binance_BTC-USDT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXCHANGE = "binance".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SYMBOL = "BTC-USDT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BUY = "buy".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SELL = "sell".getBytes(StandardCharsets.US_ASCII);

    /** Appends trades [from, to) to one of the row buffers. */
    private interface RowBuilder
    {
        CopyRows<?> build(int from, int to);
    }

    private CopyVsInsertBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String url = args.length > 0 ? args[0] : BenchDatabase.DEFAULT_URL;
        final int copyRows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        final int insertRows = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        final String schema = "bench_copy_" + ProcessHandle.current().pid();
        final DatabaseContext context = BenchDatabase.migrated(url, schema);
        try
        {
            final RowBuilder binary = rows(new BinaryCopyRowBuffer(BATCH * 200));
            final RowBuilder text = rows(new CopyRowBuffer(BATCH * 200));
            copy(context, 100_000, COPY_BINARY, null, binary); // warm-up
            insert(context, 20_000);
            final double copyBinary = copy(context, copyRows, COPY_BINARY, null, binary);
            final double copyText = copy(context, copyRows, COPY_TEXT, null, text);
            final double copyStaged = copy(context, copyRows, COPY_STAGED, MOVE, binary);
            final double insert = insert(context, insertRows);
            final double writer = writer(context, copyRows);
            System.out.printf(Locale.ROOT, "%-12s %12s %14s%n", "method", "rows", "rows/s");
            System.out.printf(Locale.ROOT, "%-12s %,12d %,14.0f%n", "copy-binary", copyRows, copyBinary);
            System.out.printf(Locale.ROOT, "%-12s %,12d %,14.0f%n", "copy-text", copyRows, copyText);
            System.out.printf(Locale.ROOT, "%-12s %,12d %,14.0f%n", "copy-staged", copyRows, copyStaged);
            System.out.printf(Locale.ROOT, "%-12s %,12d %,14.0f%n", "insert", insertRows, insert);
            System.out.printf(Locale.ROOT, "%-12s %,12d %,14.0f%n", "writer", copyRows, writer);
            System.out.printf(Locale.ROOT, "copy-binary / copy-text = %.2fx, copy-binary / insert = %.1fx," +
                " writer / copy-binary = %.2f%n", copyBinary / copyText, copyBinary / insert, writer / copyBinary);
        }
        finally
        {
            BenchDatabase.drop(url, schema);
        }
    }

    /**
     * COPYs {@code rows} trades in transactions of {@link #BATCH}: each batch is COPYed with {@code copySql}, then
     * {@code moveSql} runs if given, then the transaction commits.
     */
    private static double copy(
        final DatabaseContext context, final int rows, final String copySql, final String moveSql,
        final RowBuilder builder) throws SQLException
    {
        try (Connection connection = context.connect())
        {
            truncate(connection);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement())
            {
                statement.execute(STAGE);
            }
            connection.commit();
            final long start = System.nanoTime();
            for (int batchStart = 0; batchStart < rows; batchStart += BATCH)
            {
                builder.build(batchStart, Math.min(rows, batchStart + BATCH))
                    .copyInto(connection.unwrap(PGConnection.class).getCopyAPI(), copySql);
                if (moveSql != null)
                {
                    try (Statement statement = connection.createStatement())
                    {
                        statement.executeUpdate(moveSql);
                    }
                }
                connection.commit();
            }
            return rate(rows, start, connection);
        }
    }

    /** The same trades in either COPY format. */
    private static <T extends CopyRows<T>> RowBuilder rows(final T buffer)
    {
        final ExpandableArrayBuffer tradeId = new ExpandableArrayBuffer(32);
        return (from, to) ->
        {
            buffer.reset();
            for (int i = from; i < to; i++)
            {
                final int idLength = tradeId.putLongAscii(0, i);
                buffer.raw(ENTITY).timestampMicros((BASE_NANOS + i * 1_000_000L) / 1000).ascii(tradeId, 0, idLength)
                    .decimal(6_500_000 + i % 1000, -2).decimal(100 * (1 + i % 7), -5)
                    .raw((i & 1) == 0 ? BUY : SELL).raw(EXCHANGE).raw(SYMBOL).bool((i & 1) == 1)
                    .timestampMicros((BASE_NANOS + i * 1_000_000L) / 1000).number(i).endRow();
            }
            return buffer;
        };
    }

    private static double insert(final DatabaseContext context, final int rows) throws SQLException
    {
        final StringBuilder sql = new StringBuilder("INSERT INTO crypto_trades (entity_id, timestamp, trade_id," +
            " price, quantity, side, exchange, symbol, is_buyer_maker, receive_time, journal_index) VALUES ");
        for (int i = 0; i < INSERT_ROWS_PER_STATEMENT; i++)
        {
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?)");
        }
        sql.append(" ON CONFLICT DO NOTHING");
        try (Connection connection = context.connect())
        {
            truncate(connection);
            connection.setAutoCommit(false);
            final long start = System.nanoTime();
            try (PreparedStatement statement = connection.prepareStatement(sql.toString()))
            {
                int inBatch = 0;
                for (int i = 0; i < rows; i++)
                {
                    final int p = (i % INSERT_ROWS_PER_STATEMENT) * 11;
                    final java.sql.Timestamp time = java.sql.Timestamp.from(
                        java.time.Instant.ofEpochSecond(0, BASE_NANOS + i * 1_000_000L));
                    statement.setString(p + 1, "spot_binance_BTC-USDT");
                    statement.setTimestamp(p + 2, time);
                    statement.setString(p + 3, Integer.toString(i));
                    statement.setBigDecimal(p + 4, java.math.BigDecimal.valueOf(6_500_000 + i % 1000, 2));
                    statement.setBigDecimal(p + 5, java.math.BigDecimal.valueOf(100 * (1 + i % 7), 5));
                    statement.setString(p + 6, (i & 1) == 0 ? "buy" : "sell");
                    statement.setString(p + 7, "binance");
                    statement.setString(p + 8, "BTC-USDT");
                    statement.setBoolean(p + 9, (i & 1) == 1);
                    statement.setTimestamp(p + 10, time);
                    statement.setLong(p + 11, i);
                    if ((i + 1) % INSERT_ROWS_PER_STATEMENT == 0)
                    {
                        statement.executeUpdate();
                        if (++inBatch * INSERT_ROWS_PER_STATEMENT >= BATCH)
                        {
                            connection.commit();
                            inBatch = 0;
                        }
                    }
                }
            }
            connection.commit();
            return rate(rows - rows % INSERT_ROWS_PER_STATEMENT, start, connection);
        }
    }

    private static double writer(final DatabaseContext context, final int rows) throws Exception
    {
        try (Connection connection = context.connect())
        {
            truncate(connection);
        }
        final Path dir = Files.createTempDirectory("bench-writer-journal");
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            fill(journal, rows);
            final long start = System.nanoTime();
            try (DbWriter writer = DbWriter.start(new DbWriterContext().journal(journal).database(context)))
            {
                if (!writer.awaitCaughtUp(Duration.ofMinutes(10)))
                {
                    throw new IllegalStateException("writer did not catch up: " + writer.status());
                }
            }
            final double rate = rows / ((System.nanoTime() - start) / 1e9);
            try (Connection connection = context.connect(); Statement statement = connection.createStatement();
                java.sql.ResultSet count = statement.executeQuery("SELECT count(*) FROM crypto_trades"))
            {
                count.next();
                if (count.getLong(1) != rows)
                {
                    throw new IllegalStateException("writer wrote " + count.getLong(1) + " of " + rows);
                }
            }
            return rate;
        }
        finally
        {
            try (var paths = Files.walk(dir))
            {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void fill(final Journal journal, final int rows)
    {
        final JournalEventHandler handler = new JournalEventHandler(journal);
        final MarketEvent event = new MarketEvent();
        final Instrument instrument = new Instrument(1, Venue.BINANCE, MarketType.SPOT, "BTCUSDT", "BTC-USDT",
            -2, -5, 1, 1);
        event.reset().length(new InstrumentDefinitionCodec().encode(instrument, BASE_NANOS, event.buffer(), 0));
        handler.onEvent(event, 0, true);
        final TradeEncoder trade = new TradeEncoder();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        for (int i = 0; i < rows; i++)
        {
            trade.wrapAndApplyHeader(event.reset().buffer(), 0, header)
                .receiveTimeNanos(BASE_NANOS + i * 1_000_000L + 500)
                .exchangeTimeNanos(BASE_NANOS + i * 1_000_000L)
                .instrumentId(1)
                .venue(Venue.BINANCE)
                .aggressorSide((i & 1) == 0 ? Side.BUY : Side.SELL);
            trade.price().mantissa(6_500_000 + i % 1000).exponent((byte)-2);
            trade.size().mantissa(100 * (1 + i % 7)).exponent((byte)-5);
            trade.venueTradeId(Integer.toString(i));
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
            handler.onEvent(event, i, true);
        }
        handler.onShutdown();
    }

    private static void truncate(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            statement.execute("TRUNCATE crypto_trades, crypto_ohlcv_1m, crypto_ohlcv_5m, crypto_ohlcv_15m," +
                " crypto_ohlcv_1h, crypto_ohlcv_1d, zvt_writer_checkpoint");
            statement.execute("CHECKPOINT");
        }
    }

    private static double rate(final int rows, final long start, final Connection connection) throws SQLException
    {
        final double seconds = (System.nanoTime() - start) / 1e9;
        try (Statement statement = connection.createStatement();
            java.sql.ResultSet count = statement.executeQuery("SELECT count(*) FROM crypto_trades"))
        {
            count.next();
            if (count.getLong(1) != rows)
            {
                throw new IllegalStateException("expected " + rows + " rows, found " + count.getLong(1));
            }
        }
        return rows / seconds;
    }
}
