package zvt.crypto.feed.coinbase;

import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.candle.CandleListener;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.rest.RestRequest;
import zvt.crypto.feed.rest.klines.KlineFormatException;
import zvt.crypto.feed.rest.klines.VenueKlineApi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Coinbase Exchange {@code GET /products/{product_id}/candles?granularity=&start=&end=}: at most 300 candles, newest
 * first, 10 requests per second per IP; granularity in seconds, one of 60, 300, 900, 3600, 21600, 86400; start and
 * end as ISO-8601 times, both inclusive. Each row is {@code [time(s), low, high, open, close, volume]} as JSON
 * numbers (read exactly from their text); there is no quote volume and no trade count. An error is an object
 * {@code {"message":"…"}}. Not thread-safe.
 */
public final class CoinbaseKlineApi extends VenueKlineApi
{
    public static final int PAGE_SIZE = 300;

    public CoinbaseKlineApi()
    {
        super(Venue.COINBASE, "https://api.exchange.coinbase.com", PAGE_SIZE, 10, 1, TimeUnit.SECONDS);
    }

    public String venueSymbol(final String symbol)
    {
        return symbol;
    }

    public boolean supports(final CandleInterval interval)
    {
        return switch (interval)
        {
            case M1, M5, M15, H1, H6, D1 -> true;
            default -> false;
        };
    }

    public RestRequest pageRequest(
        final String baseUri, final String venueSymbol, final CandleInterval interval, final long fromMs,
        final long toMs)
    {
        return RestRequest.get(baseUri, "/products/" + venueSymbol + "/candles")
            .query("granularity", TimeUnit.MILLISECONDS.toSeconds(CandleIntervals.millis(interval)))
            .query("start", Instant.ofEpochMilli(fromMs).toString())
            .query("end", Instant.ofEpochMilli(toMs - CandleIntervals.millis(interval)).toString());
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
            throw json.error("not an array of candles: " +
                new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
        }
        int count = 0;
        while (json.nextRow())
        {
            final long openTimeSeconds = json.nextLong("time");
            json.nextDecimal(json.low, "low");
            json.nextDecimal(json.high, "high");
            json.nextDecimal(json.open, "open");
            json.nextDecimal(json.close, "close");
            json.nextDecimal(json.volume, "volume");
            json.skipToEndOfArray();
            json.startBar(scratch, instrumentId, Venue.COINBASE, interval, TimeUnit.SECONDS.toNanos(openTimeSeconds),
                receiveTimeNanos)
                .quoteVolumeUnknown()
                .tradeCount(CandleBar.UNKNOWN_TRADE_COUNT)
                .closed(true);
            sink.onCandle(scratch);
            count++;
        }
        return count;
    }
}
