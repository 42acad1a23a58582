package zvt.crypto.persistence.writer;

/**
 * The writer's SQL. Trades of journal ranges never written before are COPYed straight into crypto_trades (the
 * checkpoint, committed in the same transaction, guarantees they are new); a range that may have been written
 * before goes through a session-local staging table and {@code INSERT ... ON CONFLICT DO NOTHING}, so it changes
 * nothing the second time. Candles, books, instruments and the candle state are always staged and upserted.
 */
final class WriterSql
{
    static final String TO_TIME = "timestamptz 'epoch' + %s * INTERVAL '1 microsecond'";

    static final String[] CREATE_STAGING = {
        "CREATE TEMP TABLE IF NOT EXISTS stage_trades (LIKE crypto_trades) ON COMMIT DELETE ROWS",
        "CREATE TEMP TABLE IF NOT EXISTS stage_candles (bar text, entity_id text, ts bigint, source text," +
            " open numeric, high numeric, low numeric, close numeric, volume numeric, exchange text, symbol text," +
            " quote_volume numeric, trade_count bigint, closed boolean, journal_index bigint) ON COMMIT DELETE ROWS",
        "CREATE TEMP TABLE IF NOT EXISTS stage_books (entity_id text, ts bigint, sequence bigint, exchange text," +
            " symbol text, bids jsonb, asks jsonb) ON COMMIT DELETE ROWS",
        "CREATE TEMP TABLE IF NOT EXISTS stage_candle_state (writer_id text, instrument_id integer, bars bytea)" +
            " ON COMMIT DELETE ROWS",
    };

    static final String TRADE_COLUMNS = "(entity_id, timestamp, trade_id, price, quantity, side, exchange, symbol," +
        " is_buyer_maker, receive_time, journal_index)";

    /** New trades straight into the table: the fast path, for journal ranges never written before. */
    static final String COPY_TRADES_DIRECT = "COPY crypto_trades " + TRADE_COLUMNS + " FROM STDIN (FORMAT binary)";

    /** Trades into staging, for ranges that may have been written before (moved with ON CONFLICT DO NOTHING). */
    static final String COPY_TRADES_STAGED = "COPY stage_trades " + TRADE_COLUMNS + " FROM STDIN (FORMAT binary)";

    static final String INSERT_STAGED_TRADES = "INSERT INTO crypto_trades " + TRADE_COLUMNS + " SELECT " +
        TRADE_COLUMNS.replace("(", "").replace(")", "") + " FROM stage_trades ON CONFLICT DO NOTHING";

    static final String COPY_CANDLES = "COPY stage_candles FROM STDIN";
    static final String COPY_BOOKS = "COPY stage_books FROM STDIN";
    static final String COPY_CANDLE_STATE = "COPY stage_candle_state FROM STDIN";

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

    static final String SELECT_CHECKPOINT =
        "SELECT journal_index, candle_index FROM zvt_writer_checkpoint WHERE writer_id = ?";

    static final String UPSERT_CHECKPOINT =
        "INSERT INTO zvt_writer_checkpoint (writer_id, journal_index, candle_index, rows_written, updated_at)" +
        " VALUES (?, ?, ?, ?, now()) ON CONFLICT (writer_id) DO UPDATE SET journal_index = EXCLUDED.journal_index," +
        " candle_index = EXCLUDED.candle_index," +
        " rows_written = zvt_writer_checkpoint.rows_written + EXCLUDED.rows_written, updated_at = now()";

    static final String SELECT_CANDLE_STATE = "SELECT bars FROM zvt_candle_state WHERE writer_id = ?";

    static final String DELETE_CANDLE_STATE = "DELETE FROM zvt_candle_state WHERE writer_id = ?";

    static final String UPSERT_CANDLE_STATE =
        "INSERT INTO zvt_candle_state (writer_id, instrument_id, bars) SELECT writer_id, instrument_id, bars" +
        " FROM stage_candle_state ON CONFLICT (writer_id, instrument_id) DO UPDATE SET bars = EXCLUDED.bars";

    private WriterSql()
    {
    }

    /**
     * Candles of one interval: the latest journal entry per bar wins, and a closed bar is never replaced by a
     * forming one (a venue stream can repeat a forming update after the close across a connection overlap). No
     * parameters, so the upserts of every interval go to the server in one statement batch.
     *
     * @param bar the interval's name in staging, a constant such as {@code 1m}.
     */
    static String upsertCandles(final String table, final String bar)
    {
        return "INSERT INTO " + table + " AS c (entity_id, timestamp, source, open, high, low, close, volume," +
            " exchange, symbol, quote_volume, trade_count, closed)" +
            " SELECT DISTINCT ON (entity_id, source, ts) entity_id, " + time("ts") + ", source, open, high, low," +
            " close, volume, exchange, symbol, quote_volume, trade_count, closed FROM stage_candles" +
            " WHERE bar = '" + bar + "'" +
            " ORDER BY entity_id, source, ts, journal_index DESC" +
            " ON CONFLICT (entity_id, source, timestamp) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high," +
            " low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume," +
            " quote_volume = EXCLUDED.quote_volume, trade_count = EXCLUDED.trade_count, closed = EXCLUDED.closed" +
            " WHERE c.closed IS NOT TRUE OR EXCLUDED.closed";
    }

    private static String time(final String column)
    {
        return String.format(TO_TIME, column);
    }
}
