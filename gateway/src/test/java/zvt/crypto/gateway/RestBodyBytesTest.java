package zvt.crypto.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.gateway.rest.RestApi;
import zvt.crypto.persistence.EntityIds;
import zvt.crypto.persistence.TestSchema;
import zvt.crypto.persistence.query.MarketDataQueries;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exact bytes of the candle and trade answers, with decimals the database holds in awkward shapes (tiny, huge,
 * trailing zeros, whole), nulls, sub-second times and a trade id that needs escaping: however the API renders them,
 * a client must read the same text.
 */
class RestBodyBytesTest
{
    private static final String BTC = EntityIds.entityId(Venue.BINANCE, MarketType.SPOT, "BTC-USDT");
    private static final String API = RestApi.PREFIX;
    private static final String CANDLES =
        "{\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\",\"from\":\"2026-01-01T00:00:00Z\"," +
        "\"to\":\"2026-01-01T00:10:00Z\",\"interval\":\"1m\",\"source\":\"trades\"," +
        "\"candles\":[{\"openTime\":\"2026-01-01T00:00:00Z\",\"open\":\"0.00000001\"," +
        "\"high\":\"123456789012345678901234567890.123456789\",\"low\":\"100.000\"," +
        "\"close\":\"0\",\"volume\":\"0.00000015\",\"quoteVolume\":\"1000\"," +
        "\"tradeCount\":3,\"closed\":null},{\"openTime\":\"2026-01-01T00:01:00.123456Z\"," +
        "\"open\":\"100.75\",\"high\":\"102\",\"low\":\"100.5\",\"close\":\"101\"," +
        "\"volume\":\"1\",\"quoteVolume\":null,\"tradeCount\":null,\"closed\":false}]}";
    private static final String FIRST_TRADE =
        "{\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\",\"from\":\"2026-01-01T00:00:00Z\"," +
        "\"to\":\"2026-01-01T01:00:00Z\"," +
        "\"trades\":[{\"time\":\"2026-01-01T00:00:00.000001Z\"," +
        "\"tradeId\":\"q\\\"b\\\\\\\\é\\u0001\",\"price\":\"0.00000001\"," +
        "\"size\":\"12000.50\",\"side\":\"buy\",\"journalIndex\":7}]," +
        "\"nextCursor\":\"MTc2NzIyNTYwMDAwMDAwMTo3\"}";
    private static final String ALL_TRADES =
        "{\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\",\"from\":\"2026-01-01T00:00:00Z\"," +
        "\"to\":\"2026-01-01T01:00:00Z\"," +
        "\"trades\":[{\"time\":\"2026-01-01T00:00:00.000001Z\"," +
        "\"tradeId\":\"q\\\"b\\\\\\\\é\\u0001\",\"price\":\"0.00000001\"," +
        "\"size\":\"12000.50\",\"side\":\"buy\",\"journalIndex\":7}," +
        "{\"time\":\"2026-01-01T00:00:01Z\",\"tradeId\":\"42\"," +
        "\"price\":\"0.000000000001\",\"size\":\"3\",\"side\":\"sell\"," +
        "\"journalIndex\":8}],\"nextCursor\":null}";

    private final TestSchema schema = TestSchema.migrated();
    private final MarketDataQueries queries = new MarketDataQueries(schema.context(), 2);
    private final GatewayHarness harness = new GatewayHarness(new GatewayContext().marketData(() -> queries));

    @AfterEach
    void close()
    {
        harness.close();
        queries.close();
        schema.close();
    }

    @Test
    void shouldAnswerCandlesWithTheSameBytes() throws Exception
    {
        execute("INSERT INTO crypto_ohlcv_1m (entity_id, timestamp, source, open, high, low, close, volume, exchange," +
            " symbol, quote_volume, trade_count, closed) VALUES" +
            " ('" + BTC + "', '2026-01-01T00:00:00Z', 'trades', 0.00000001, 123456789012345678901234567890.123456789," +
            " 100.000, 0, 1.5e-7, 'binance', 'BTC-USDT', 1e3, 3, null)," +
            " ('" + BTC + "', '2026-01-01T00:01:00.123456Z', 'trades', 100.75, 102, 100.5, 101, 1, 'binance'," +
            " 'BTC-USDT', null, null, false)");
        final String body = body(API + "/ohlcv/BINANCE/btc-usdt?from=2026-01-01T00:00:00Z&to=1767226200000");
        assertEquals(CANDLES, body);
    }

    @Test
    void shouldAnswerTradesWithTheSameBytes() throws Exception
    {
        execute("INSERT INTO crypto_trades (entity_id, timestamp, trade_id, price, quantity, side, exchange, symbol," +
            " is_buyer_maker, receive_time, journal_index) VALUES" +
            " ('" + BTC + "', '2026-01-01T00:00:00.000001Z', 'q\"b\\\\é\u0001', 0.00000001, 12000.50, 'buy', 'binance'," +
            " 'BTC-USDT', false, now(), 7)," +
            " ('" + BTC + "', '2026-01-01T00:00:01Z', '42', 1e-12, 3, 'sell', 'binance', 'BTC-USDT', true, now(), 8)");
        final String path = API + "/trades/BINANCE/BTC-USDT?from=2026-01-01T00:00:00Z&to=2026-01-01T01:00:00Z";
        final String first = body(path + "&limit=1");
        final String all = body(path);
        assertEquals(FIRST_TRADE, first);
        assertEquals(ALL_TRADES, all);
    }

    /**
     * Asked often enough that every pooled connection has moved the query to a server-prepared statement (pgjdbc's
     * prepareThreshold, 5), whose results may come back in binary rather than text.
     */
    private String body(final String path) throws Exception
    {
        final String first = answer(path);
        for (int i = 0; i < 12; i++)
        {
            assertEquals(first, answer(path), path + ", answer " + (i + 2));
        }
        return first;
    }

    private String answer(final String path) throws Exception
    {
        final HttpResponse<String> response = harness.get(path);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private void execute(final String sql) throws Exception
    {
        try (Connection connection = schema.context().connect(); Statement statement = connection.createStatement())
        {
            statement.execute(sql);
        }
    }
}
