package zvt.crypto.feed.binance;

import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.candle.CandleListener;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.rest.RestRequest;
import zvt.crypto.feed.rest.klines.KlineFormatException;
import zvt.crypto.feed.rest.klines.VenueKlineApi;

import java.util.concurrent.TimeUnit;

/**
 * Binance spot {@code GET /api/v3/klines?symbol=&interval=&startTime=&endTime=&limit=}: weight 2, at most 1,000
 * klines, oldest first; each row {@code [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades,
 * takerBuyBase, takerBuyQuote, ignore]} with the decimals as strings. The IP budget is 6,000 weight per minute.
 * Not thread-safe.
 */
public final class BinanceKlineApi extends VenueKlineApi
{
    public static final String PATH = "/api/v3/klines";
    public static final int WEIGHT = 2;
    public static final int PAGE_SIZE = 1_000;

    public BinanceKlineApi()
    {
        super(Venue.BINANCE, "https://api.binance.com", PAGE_SIZE, 6_000, 1, TimeUnit.MINUTES);
    }

    public String venueSymbol(final String symbol)
    {
        return symbol.replace("-", "");
    }

    public boolean supports(final CandleInterval interval)
    {
        return interval != CandleInterval.MN1 && interval != CandleInterval.NULL_VAL;
    }

    public RestRequest pageRequest(
        final String baseUri, final String venueSymbol, final CandleInterval interval, final long fromMs,
        final long toMs)
    {
        return RestRequest.get(baseUri, PATH)
            .query("symbol", venueSymbol)
            .query("interval", CandleIntervals.shortName(interval))
            .query("startTime", fromMs)
            .query("endTime", toMs - 1)
            .query("limit", PAGE_SIZE)
            .weight(WEIGHT);
    }

    public int parse(
        final byte[] body, final int instrumentId, final CandleInterval interval, final long receiveTimeNanos,
        final CandleBar scratch, final CandleListener sink) throws KlineFormatException
    {
        view.wrap(body);
        json.wrap(view, 0, body.length);
        final JsonCursor cursor = json.cursor;
        if (cursor.next() != JsonCursor.BEGIN_ARRAY)
        {
            throw json.error("not an array of klines: " + new String(body, 0, Math.min(body.length, 200),
                java.nio.charset.StandardCharsets.UTF_8));
        }
        int count = 0;
        while (json.nextRow())
        {
            final long openTimeMs = json.nextLong("openTime");
            json.nextDecimal(json.open, "open");
            json.nextDecimal(json.high, "high");
            json.nextDecimal(json.low, "low");
            json.nextDecimal(json.close, "close");
            json.nextDecimal(json.volume, "volume");
            json.nextLong("closeTime");
            json.nextDecimal(json.quoteVolume, "quoteAssetVolume");
            final long trades = json.nextLong("numberOfTrades");
            json.skipToEndOfArray();
            json.startBar(scratch, instrumentId, Venue.BINANCE, interval, TimeUnit.MILLISECONDS.toNanos(openTimeMs),
                receiveTimeNanos)
                .quoteVolume(json.quoteVolume.mantissa(), json.quoteVolume.exponent())
                .tradeCount(trades)
                .closed(true);
            sink.onCandle(scratch);
            count++;
        }
        return count;
    }
}
