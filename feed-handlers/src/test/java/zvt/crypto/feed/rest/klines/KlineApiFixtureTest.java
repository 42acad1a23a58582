package zvt.crypto.feed.rest.klines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.binance.BinanceKlineApi;
import zvt.crypto.feed.bybit.BybitKlineApi;
import zvt.crypto.feed.coinbase.CoinbaseKlineApi;
import zvt.crypto.feed.okx.OkxKlineApi;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every venue's kline parser over the real (or documented) answers in the shared fixtures, with Jackson as the
 * oracle: each value must come out as the exact decimal the venue wrote.
 */
class KlineApiFixtureTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One row as the oracle reads it; null for what the venue does not report. */
    record Row(long openTimeNanos, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
        BigDecimal volume, BigDecimal quoteVolume, Long tradeCount, boolean closed)
    {
    }

    @Test
    void shouldParseBinanceKlinesExactly() throws Exception
    {
        final int rows = assertFixture("binance/rest_klines.jsonl", new BinanceKlineApi(), body ->
        {
            final List<Row> expected = new ArrayList<>();
            for (final JsonNode row : body)
            {
                expected.add(new Row(TimeUnit.MILLISECONDS.toNanos(row.get(0).asLong()), dec(row.get(1)),
                    dec(row.get(2)), dec(row.get(3)), dec(row.get(4)), dec(row.get(5)), dec(row.get(7)),
                    row.get(8).asLong(), true));
            }
            return expected;
        });
        assertTrue(rows > 100, "all 13 pages: " + rows);
    }

    @Test
    void shouldParseOkxCandlesExactlyWithTheConfirmFlag() throws Exception
    {
        final Function<JsonNode, List<Row>> oracle = body ->
        {
            final List<Row> expected = new ArrayList<>();
            for (final JsonNode row : body.get("data"))
            {
                expected.add(new Row(TimeUnit.MILLISECONDS.toNanos(row.get(0).asLong()), dec(row.get(1)),
                    dec(row.get(2)), dec(row.get(3)), dec(row.get(4)), dec(row.get(5)),
                    dec(row.get(row.size() == 9 ? 7 : 6)), null, !"0".equals(row.get(row.size() - 1).asText())));
            }
            return expected;
        };
        assertEquals(5, assertFixture("okx/rest_candles.jsonl", new OkxKlineApi(), oracle));
        assertEquals(2, assertFixture("okx/rest_history-candles.docs.jsonl", new OkxKlineApi(), oracle));
    }

    @Test
    void shouldParseBybitKlinesExactly() throws Exception
    {
        assertEquals(10, assertFixture("bybit/rest_kline.jsonl", new BybitKlineApi(), body ->
        {
            final List<Row> expected = new ArrayList<>();
            for (final JsonNode row : body.get("result").get("list"))
            {
                expected.add(new Row(TimeUnit.MILLISECONDS.toNanos(row.get(0).asLong()), dec(row.get(1)),
                    dec(row.get(2)), dec(row.get(3)), dec(row.get(4)), dec(row.get(5)), dec(row.get(6)), null, true));
            }
            return expected;
        }));
    }

    @Test
    void shouldParseCoinbaseCandlesExactlyFromJsonNumbers() throws Exception
    {
        assertEquals(1, assertFixture("coinbase/exchange/rest_candles.docs.jsonl", new CoinbaseKlineApi(), body ->
        {
            final List<Row> expected = new ArrayList<>();
            for (final JsonNode row : body)
            {
                expected.add(new Row(TimeUnit.SECONDS.toNanos(row.get(0).asLong()), dec(row.get(3)), dec(row.get(2)),
                    dec(row.get(1)), dec(row.get(4)), dec(row.get(5)), null, null, true));
            }
            return expected;
        }));
    }

    @Test
    void shouldRejectTheVenuesErrorEnvelopes()
    {
        final CandleBar scratch = new CandleBar();
        assertThrows(KlineFormatException.class, () -> new BinanceKlineApi().parse(
            bytes("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"), 1, CandleInterval.M1, 0, scratch, bar -> { }));
        final KlineFormatException okx = assertThrows(KlineFormatException.class, () -> new OkxKlineApi().parse(
            bytes("{\"code\":\"51001\",\"msg\":\"Instrument ID does not exist\",\"data\":[]}"), 1, CandleInterval.M1,
            0, scratch, bar -> { }));
        assertTrue(okx.getMessage().contains("51001") && okx.getMessage().contains("does not exist"),
            okx.getMessage());
        assertThrows(KlineFormatException.class, () -> new BybitKlineApi().parse(
            bytes("{\"retCode\":10001,\"retMsg\":\"params error\",\"result\":{},\"time\":1}"), 1, CandleInterval.M1,
            0, scratch, bar -> { }));
        assertThrows(KlineFormatException.class, () -> new CoinbaseKlineApi().parse(
            bytes("{\"message\":\"NotFound\"}"), 1, CandleInterval.M1, 0, scratch, bar -> { }));
        assertThrows(KlineFormatException.class, () -> new BinanceKlineApi().parse(
            bytes("[[1586987400000,\"67x\",\"1\",\"1\",\"1\",\"1\",1,\"1\",1,\"1\",\"1\",\"0\"]]"), 1,
            CandleInterval.M1, 0, scratch, bar -> { }));
    }

    private static int assertFixture(
        final String fixture, final KlineApi api, final Function<JsonNode, List<Row>> oracle) throws Exception
    {
        int total = 0;
        int lineNumber = 0;
        for (final String line : Fixtures.lines(fixture))
        {
            lineNumber++;
            if (line.isBlank())
            {
                continue;
            }
            final List<Row> expected = oracle.apply(MAPPER.readTree(line));
            final List<Row> actual = new ArrayList<>();
            final int count = api.parse(bytes(line), 7, CandleInterval.M1, 123, new CandleBar(), bar ->
            {
                assertEquals(7, bar.instrumentId());
                assertEquals(api.venue(), bar.venue());
                assertEquals(CandleSource.REST, bar.source());
                assertEquals(123, bar.receiveTimeNanos());
                assertEquals(bar.openTimeNanos(), bar.exchangeTimeNanos());
                actual.add(new Row(bar.openTimeNanos(), dec(bar.openMantissa(), bar.openExponent()),
                    dec(bar.highMantissa(), bar.highExponent()), dec(bar.lowMantissa(), bar.lowExponent()),
                    dec(bar.closeMantissa(), bar.closeExponent()), bar.volume().toBigDecimal(),
                    bar.isQuoteVolumeKnown() ? bar.quoteVolume().toBigDecimal() : null,
                    bar.tradeCount() == CandleBar.UNKNOWN_TRADE_COUNT ? null : bar.tradeCount(), bar.isClosed()));
            });
            assertEquals(expected.size(), count, fixture + ":" + lineNumber);
            for (int i = 0; i < expected.size(); i++)
            {
                assertEquals(expected.get(i), actual.get(i), fixture + ":" + lineNumber + " row " + i);
            }
            total += count;
        }
        assertFalse(total == 0, fixture + " has rows");
        return total;
    }

    /** The exact text the venue wrote, as BigDecimal (scale kept, so "6733.55000000" must stay 8 places). */
    private static BigDecimal dec(final JsonNode node)
    {
        return new BigDecimal(node.isNumber() ? node.asText() : node.textValue());
    }

    private static BigDecimal dec(final long mantissa, final int exponent)
    {
        return BigDecimal.valueOf(mantissa, -exponent);
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
