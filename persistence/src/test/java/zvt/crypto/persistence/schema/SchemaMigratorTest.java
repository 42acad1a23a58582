package zvt.crypto.persistence.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import zvt.crypto.persistence.TestSchema;

class SchemaMigratorTest
{
    @Test
    void shouldCreateEveryTableOnPlainPostgresAndReportThePlainPath()
    {
        try (TestSchema schema = TestSchema.migrated())
        {
            assertEquals(StorageStatus.PLAIN, schema.status().storagePath());
            assertEquals("3", schema.status().schemaVersion());
            assertEquals(3, schema.status().migrationsApplied());
            for (final String table : new String[] {"crypto_assets", "crypto_pairs", "crypto_ohlcv_1m",
                "crypto_ohlcv_5m", "crypto_ohlcv_15m", "crypto_ohlcv_1h", "crypto_ohlcv_1d", "crypto_trades",
                "crypto_orderbook", "zvt_writer_checkpoint", "zvt_candle_state"})
            {
                assertEquals(1, schema.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" +
                    schema.name() + "' AND table_name = '" + table + "'"), table);
            }
            assertEquals("numeric", schema.queryString("SELECT data_type FROM information_schema.columns" +
                " WHERE table_schema = '" + schema.name() + "' AND table_name = 'crypto_trades' AND column_name = 'price'"));
        }
    }

    @Test
    void shouldApplyNothingTheSecondTime()
    {
        try (TestSchema schema = TestSchema.migrated())
        {
            final StorageStatus again = SchemaMigrator.migrate(schema.context());
            assertEquals(0, again.migrationsApplied());
            assertEquals(StorageStatus.PLAIN, again.storagePath());
            assertEquals(StorageStatus.PLAIN, SchemaMigrator.read(schema.context()).storagePath());
        }
    }

    @Test
    void shouldStoreDecimalsWithoutLosingDigits()
    {
        try (TestSchema schema = TestSchema.migrated())
        {
            schema.execute("INSERT INTO crypto_trades (entity_id, timestamp, trade_id, price, quantity, side, exchange," +
                " symbol, receive_time, journal_index) VALUES ('e', now(), '1', 123456789012.123456789012, 0.00000001," +
                " 'buy', 'binance', 'BTC-USDT', now(), 1)");
            assertEquals("123456789012.123456789012 0.00000001",
                schema.queryString("SELECT price || ' ' || quantity FROM crypto_trades"));
        }
    }
}
