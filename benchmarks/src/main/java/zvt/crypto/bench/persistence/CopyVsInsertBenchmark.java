package zvt.crypto.bench.persistence;

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
import org.postgresql.copy.CopyIn;

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
import zvt.crypto.persistence.writer.CopyRowBuffer;
import zvt.crypto.persistence.writer.DbWriter;
import zvt.crypto.persistence.writer.DbWriterContext;

/**
 * Trade rows per second into crypto_trades (primary key and all), side by side in one run, each on an empty table,
 * 10,000 rows per transaction:
 * <ol>
 *     <li>{@code copy}: COPY (text) into a staging table, then {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}
 *     (the writer's idempotent path, without candles);</li>
 *     <li>{@code insert}: multi-row {@code INSERT ... VALUES (...), ... ON CONFLICT DO NOTHING}, 1,000 rows per
 *     statement, prepared;</li>
 *     <li>{@code writer}: the whole DbWriter catching up on a journal of trades: decode, COPY, insert, 1m candles
 *     and roll-ups, checkpoint.</li>
 * </ol>
 * Arguments: [JDBC URL] [rows for copy and writer, default 1,000,000] [rows for insert, default 200,000].
 */
public final class CopyVsInsertBenchmark
{
    private static final int BATCH = 10_000;
    private static final int INSERT_ROWS_PER_STATEMENT = 1_000;
    private static final long BASE_NANOS = 1_767_225_600_000_000_000L;
    private static final String STAGE = "CREATE TEMP TABLE IF NOT EXISTS stage_trades (entity_id text, ts bigint," +
        " trade_id text, price numeric, quantity numeric, side text, exchange text, symbol text," +
        " is_buyer_maker boolean, receive_ts bigint, journal_index bigint) ON COMMIT DELETE ROWS";
    private static final String MOVE = "INSERT INTO crypto_trades (entity_id, timestamp, trade_id, price, quantity," +
        " side, exchange, symbol, is_buyer_maker, receive_time, journal_index) SELECT entity_id," +
        " timestamptz 'epoch' + ts * INTERVAL '1 microsecond', trade_id, price, quantity, side, exchange, symbol," +
        " is_buyer_maker, timestamptz 'epoch' + receive_ts * INTERVAL '1 microsecond', journal_index" +
        " FROM stage_trades ON CONFLICT DO NOTHING";

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
            warmUp(context);
            final double direct = copyDirect(context, copyRows);
            final double copy = copy(context, copyRows);
            final double insert = insert(context, insertRows);
            final double writer = writer(context, copyRows);
            System.out.printf(Locale.ROOT, "%-12s %12s %14s%n", "method", "rows", "rows/s");
            System.out.printf(Locale.ROOT, "%-12s %,12d %,14.0f%n", "copy-direct", copyRows, direct);
            System.out.printf(Locale.ROOT, "%-12s %,12d %,14.0f%n", "copy", copyRows, copy);
            System.out.printf(Locale.ROOT, "%-12s %,12d %,14.0f%n", "insert", insertRows, insert);
            System.out.printf(Locale.ROOT, "%-12s %,12d %,14.0f%n", "writer", copyRows, writer);
            System.out.printf(Locale.ROOT, "copy / insert = %.1fx%n", copy / insert);
        }
        finally
        {
            BenchDatabase.drop(url, schema);
        }
    }

    private static void warmUp(final DatabaseContext context) throws SQLException
    {
        copy(context, 100_000);
        insert(context, 20_000);
    }

    private static double copy(final DatabaseContext context, final int rows) throws SQLException
    {
        final CopyRowBuffer buffer = new CopyRowBuffer(BATCH * 160);
        final ExpandableArrayBuffer tradeId = new ExpandableArrayBuffer(32);
        try (Connection connection = context.connect())
        {
            truncate(connection);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement())
            {
                statement.execute(STAGE);
            }
            connection.commit();
            final byte[] entity = "spot_binance_BTC-USDT".getBytes();
            final byte[] exchange = "binance".getBytes();
            final byte[] symbol = "BTC-USDT".getBytes();
            final byte[] buy = "buy".getBytes();
            final byte[] sell = "sell".getBytes();
            final long start = System.nanoTime();
            for (int batchStart = 0; batchStart < rows; batchStart += BATCH)
            {
                buffer.reset();
                for (int i = batchStart; i < Math.min(rows, batchStart + BATCH); i++)
                {
                    final int idLength = tradeId.putLongAscii(0, i);
                    buffer.raw(entity).number((BASE_NANOS + i * 1_000_000L) / 1000).ascii(tradeId, 0, idLength)
                        .decimal(6_500_000 + i % 1000, -2).decimal(100 * (1 + i % 7), -5)
                        .raw((i & 1) == 0 ? buy : sell).raw(exchange).raw(symbol).bool((i & 1) == 1)
                        .number((BASE_NANOS + i * 1_000_000L) / 1000).number(i).endRow();
                }
                final CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY stage_trades FROM STDIN");
                buffer.writeTo(copyIn);
                copyIn.endCopy();
                try (Statement statement = connection.createStatement())
                {
                    statement.executeUpdate(MOVE);
                }
                connection.commit();
            }
            return rate(rows, start, connection);
        }
    }

    private static double copyDirect(final DatabaseContext context, final int rows) throws SQLException
    {
        final CopyRowBuffer buffer = new CopyRowBuffer(BATCH * 200);
        final ExpandableArrayBuffer tradeId = new ExpandableArrayBuffer(32);
        try (Connection connection = context.connect())
        {
            truncate(connection);
            connection.setAutoCommit(false);
            final byte[] entity = "spot_binance_BTC-USDT".getBytes();
            final byte[] exchange = "binance".getBytes();
            final byte[] symbol = "BTC-USDT".getBytes();
            final byte[] buy = "buy".getBytes();
            final byte[] sell = "sell".getBytes();
            final long start = System.nanoTime();
            for (int batchStart = 0; batchStart < rows; batchStart += BATCH)
            {
                buffer.reset();
                for (int i = batchStart; i < Math.min(rows, batchStart + BATCH); i++)
                {
                    final int idLength = tradeId.putLongAscii(0, i);
                    buffer.raw(entity).timestampMicros((BASE_NANOS + i * 1_000_000L) / 1000)
                        .ascii(tradeId, 0, idLength)
                        .decimal(6_500_000 + i % 1000, -2).decimal(100 * (1 + i % 7), -5)
                        .raw((i & 1) == 0 ? buy : sell).raw(exchange).raw(symbol).bool((i & 1) == 1)
                        .timestampMicros((BASE_NANOS + i * 1_000_000L) / 1000).number(i).endRow();
                }
                final CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY crypto_trades (entity_id, timestamp, trade_id, price, quantity, side, exchange," +
                        " symbol, is_buyer_maker, receive_time, journal_index) FROM STDIN");
                buffer.writeTo(copyIn);
                copyIn.endCopy();
                connection.commit();
            }
            return rate(rows, start, connection);
        }
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
