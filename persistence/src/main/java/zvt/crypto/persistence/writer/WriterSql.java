package zvt.crypto.persistence.writer;

/**
 * The writer's SQL. Trades of journal ranges never written before are COPYed straight into crypto_trades (the
 * checkpoint, committed in the same transaction, guarantees they are new); a range that may have been written
 * before goes through a session-local staging table and {@code INSERT ... ON CONFLICT DO NOTHING}, so it changes
 * nothing the second time. Candles, books and instruments are always staged and upserted. Candles built from
 * trades merge only the trades this batch really inserted, so volumes count every trade exactly once however
 * batches fall.
 */
final class WriterSql
{
    static final String TO_TIME = "timestamptz 'epoch' + %s * INTERVAL '1 microsecond'";

    static final String[] CREATE_STAGING = {
        "CREATE TEMP TABLE IF NOT EXISTS stage_trades (LIKE crypto_trades) ON COMMIT DELETE ROWS",
        "CREATE TEMP TABLE IF NOT EXISTS stage_ranges (entity_id text, lo timestamptz, hi timestamptz)" +
            " ON COMMIT DELETE ROWS",
        "CREATE TEMP TABLE IF NOT EXISTS stage_candles (bar text, entity_id text, ts bigint, source text," +
            " open numeric, high numeric, low numeric, close numeric, volume numeric, exchange text, symbol text," +
            " quote_volume numeric, trade_count bigint, closed boolean, journal_index bigint) ON COMMIT DELETE ROWS",
        "CREATE TEMP TABLE IF NOT EXISTS stage_books (entity_id text, ts bigint, sequence bigint, exchange text," +
            " symbol text, bids jsonb, asks jsonb) ON COMMIT DELETE ROWS",
    };

    static final String TRADE_COLUMNS = "(entity_id, timestamp, trade_id, price, quantity, side, exchange, symbol," +
        " is_buyer_maker, receive_time, journal_index)";

    /** New trades straight into the table: the fast path, for journal ranges never written before. */
    static final String COPY_TRADES_DIRECT = "COPY crypto_trades " + TRADE_COLUMNS + " FROM STDIN";

    /** Trades into staging, for ranges that may have been written before (moved with ON CONFLICT DO NOTHING). */
    static final String COPY_TRADES_STAGED = "COPY stage_trades " + TRADE_COLUMNS + " FROM STDIN";

    /** Per instrument, the first and last trade time of the batch: bounds the scans that build candles. */
    static final String COPY_RANGES = "COPY stage_ranges FROM STDIN";
    static final String COPY_CANDLES = "COPY stage_candles FROM STDIN";
    static final String COPY_BOOKS = "COPY stage_books FROM STDIN";

    /**
     * Merges the trades of a direct COPY into their 1m candles, reading the batch from its staging copy (a small
     * unindexed table holding only this batch) rather than back from crypto_trades.
     */
    static final String MERGE_1M_FROM_STAGE = "WITH" + merge1m("stage_trades") + " SELECT count(*) FROM merged";

    /** Moves staged trades in (duplicates ignored) and merges only those really inserted into their 1m candles. */
    static final String INSERT_STAGED_AND_MERGE_1M =
        "WITH inserted AS (" +
        " INSERT INTO crypto_trades " + TRADE_COLUMNS + " SELECT " + TRADE_COLUMNS.replace("(", "").replace(")", "") +
        " FROM stage_trades ON CONFLICT DO NOTHING" +
        " RETURNING entity_id, timestamp, price, quantity, exchange, symbol, journal_index)," +
        merge1m("inserted") +
        " SELECT (SELECT count(*) FROM inserted), (SELECT count(*) FROM merged)";

    /** Roll-ups of trade-built candles, each from the next finer table, for the buckets this batch touched. */
    static final String[] ROLL_UPS = {
        rollUp("crypto_ohlcv_1m", "crypto_ohlcv_5m", "5 minutes"),
        rollUp("crypto_ohlcv_5m", "crypto_ohlcv_15m", "15 minutes"),
        rollUp("crypto_ohlcv_15m", "crypto_ohlcv_1h", "1 hour"),
        rollUp("crypto_ohlcv_1h", "crypto_ohlcv_1d", "1 day"),
    };

    static final String INSERT_BOOKS =
        "INSERT INTO crypto_orderbook (entity_id, timestamp, sequence, exchange, symbol, bids, asks)" +
        " SELECT entity_id, " + time("ts") + ", sequence, exchange, symbol, bids, asks FROM stage_books" +
        " ON CONFLICT DO NOTHING";

    static final String UPSERT_PAIR =
        "INSERT INTO crypto_pairs (id, entity_id, exchange, market_type, symbol, venue_symbol, instrument_id," +
        " base_asset, quote_asset, price_step, qty_step) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" +
        " ON CONFLICT (id) DO UPDATE SET venue_symbol = EXCLUDED.venue_symbol," +
        " instrument_id = EXCLUDED.instrument_id, price_step = EXCLUDED.price_step, qty_step = EXCLUDED.qty_step," +
        " updated_at = now()";

    static final String INSERT_ASSET =
        "INSERT INTO crypto_assets (id, symbol, full_name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";

    static final String SELECT_CHECKPOINT = "SELECT journal_index FROM zvt_writer_checkpoint WHERE writer_id = ?";

    static final String UPSERT_CHECKPOINT =
        "INSERT INTO zvt_writer_checkpoint (writer_id, journal_index, rows_written, updated_at)" +
        " VALUES (?, ?, ?, now()) ON CONFLICT (writer_id) DO UPDATE SET journal_index = EXCLUDED.journal_index," +
        " rows_written = zvt_writer_checkpoint.rows_written + EXCLUDED.rows_written, updated_at = now()";

    private WriterSql()
    {
    }

    /** Venue and backfill candles of one interval: the latest journal entry per bar wins. */
    static String upsertCandles(final String table)
    {
        return "INSERT INTO " + table + " (entity_id, timestamp, source, open, high, low, close, volume, exchange," +
            " symbol, quote_volume, trade_count, closed)" +
            " SELECT DISTINCT ON (entity_id, source, ts) entity_id, " + time("ts") + ", source, open, high, low," +
            " close, volume, exchange, symbol, quote_volume, trade_count, closed FROM stage_candles WHERE bar = ?" +
            " ORDER BY entity_id, source, ts, journal_index DESC" +
            " ON CONFLICT (entity_id, source, timestamp) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high," +
            " low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume," +
            " quote_volume = EXCLUDED.quote_volume, trade_count = EXCLUDED.trade_count, closed = EXCLUDED.closed";
    }

    private static String rollUp(final String from, final String to, final String width)
    {
        return "INSERT INTO " + to + " (entity_id, timestamp, source, open, high, low, close, volume, exchange," +
            " symbol, quote_volume, trade_count, closed, first_trade_time, last_trade_time)" +
            " SELECT s.entity_id, b.bucket, 'trades', (array_agg(s.open ORDER BY s.timestamp))[1], max(s.high)," +
            " min(s.low), (array_agg(s.close ORDER BY s.timestamp DESC))[1], sum(s.volume), min(s.exchange)," +
            " min(s.symbol), sum(s.quote_volume), sum(s.trade_count), NULL, min(s.first_trade_time)," +
            " max(s.last_trade_time)" +
            " FROM (SELECT DISTINCT r.entity_id, bucket FROM stage_ranges r, generate_series(" +
            "date_bin(INTERVAL '" + width + "', r.lo, timestamptz 'epoch'), r.hi, INTERVAL '" + width + "') bucket) b" +
            " JOIN " + from + " s ON s.entity_id = b.entity_id AND s.source = 'trades' AND s.timestamp >= b.bucket" +
            " AND s.timestamp < b.bucket + INTERVAL '" + width + "'" +
            " GROUP BY s.entity_id, b.bucket" +
            " ON CONFLICT (entity_id, source, timestamp) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high," +
            " low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume," +
            " quote_volume = EXCLUDED.quote_volume, trade_count = EXCLUDED.trade_count," +
            " first_trade_time = EXCLUDED.first_trade_time, last_trade_time = EXCLUDED.last_trade_time";
    }

    /** The bars of the trades in {@code source}, merged into crypto_ohlcv_1m (CTEs bars and merged). */
    private static String merge1m(final String source)
    {
        return " bars AS (" +
            " SELECT entity_id, date_bin(INTERVAL '1 minute', timestamp, timestamptz 'epoch') AS minute," +
            "  (array_agg(price ORDER BY timestamp, journal_index))[1] AS open, max(price) AS high," +
            "  min(price) AS low, (array_agg(price ORDER BY timestamp DESC, journal_index DESC))[1] AS close," +
            "  sum(quantity) AS volume, min(exchange) AS exchange, min(symbol) AS symbol," +
            "  sum(price * quantity) AS quote_volume, count(*) AS trade_count, min(timestamp) AS first_time," +
            "  max(timestamp) AS last_time" +
            " FROM " + source + " GROUP BY 1, 2)," +
            " merged AS (" +
            " INSERT INTO crypto_ohlcv_1m AS c (entity_id, timestamp, source, open, high, low, close, volume," +
            "  exchange, symbol, quote_volume, trade_count, closed, first_trade_time, last_trade_time)" +
            " SELECT entity_id, minute, 'trades', open, high, low, close, volume, exchange, symbol, quote_volume," +
            "  trade_count, NULL, first_time, last_time FROM bars" +
            " ON CONFLICT (entity_id, source, timestamp) DO UPDATE SET" +
            "  open = CASE WHEN EXCLUDED.first_trade_time < c.first_trade_time THEN EXCLUDED.open ELSE c.open END," +
            "  close = CASE WHEN EXCLUDED.last_trade_time >= c.last_trade_time THEN EXCLUDED.close ELSE c.close END," +
            "  high = greatest(c.high, EXCLUDED.high), low = least(c.low, EXCLUDED.low)," +
            "  volume = c.volume + EXCLUDED.volume, quote_volume = c.quote_volume + EXCLUDED.quote_volume," +
            "  trade_count = c.trade_count + EXCLUDED.trade_count," +
            "  first_trade_time = least(c.first_trade_time, EXCLUDED.first_trade_time)," +
            "  last_trade_time = greatest(c.last_trade_time, EXCLUDED.last_trade_time)" +
            " RETURNING 1)";
    }

    private static String time(final String column)
    {
        return String.format(TO_TIME, column);
    }
}
