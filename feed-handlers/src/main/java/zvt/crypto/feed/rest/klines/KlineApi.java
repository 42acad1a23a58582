package zvt.crypto.feed.rest.klines;

import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.candle.CandleListener;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.binance.BinanceKlineApi;
import zvt.crypto.feed.bybit.BybitKlineApi;
import zvt.crypto.feed.coinbase.CoinbaseKlineApi;
import zvt.crypto.feed.okx.OkxKlineApi;
import zvt.crypto.feed.rest.RequestWeightLimiter;
import zvt.crypto.feed.rest.RestRequest;

/**
 * One venue's historical kline endpoint: what to ask for a time window and how to read the answer. Implementations
 * are stateless apart from their parser's scratch space: use one instance per thread.
 */
public interface KlineApi
{
    Venue venue();

    /** The production base address, e.g. {@code https://api.binance.com}. */
    String defaultBaseUri();

    /** The most candles one request returns. */
    int pageSize();

    /** A limiter with the venue's public budget for this endpoint (share it between clients of the venue). */
    RequestWeightLimiter newLimiter();

    /** The venue's symbol for a normalized {@code BASE-QUOTE} one, e.g. {@code BTC-USDT} → {@code BTCUSDT}. */
    String venueSymbol(String symbol);

    boolean supports(CandleInterval interval);

    /**
     * The request for the candles that open in {@code [fromMs, toMs)}; the window holds at most {@link #pageSize()}
     * intervals.
     */
    RestRequest pageRequest(String baseUri, String venueSymbol, CandleInterval interval, long fromMs, long toMs);

    /**
     * Parses an answer and hands each candle to the sink (in the venue's order; the bar is reused). Candles are
     * marked closed unless the venue says they are still forming; their source is REST and their exchange time the
     * open time.
     *
     * @return the number of candles handed out.
     * @throws KlineFormatException on the venue's error envelope or a body of another shape.
     */
    int parse(byte[] body, int instrumentId, CandleInterval interval, long receiveTimeNanos, CandleBar scratch,
        CandleListener sink) throws KlineFormatException;

    /** The implementation for a venue. */
    static KlineApi of(final Venue venue)
    {
        return switch (venue)
        {
            case BINANCE -> new BinanceKlineApi();
            case OKX -> new OkxKlineApi();
            case BYBIT -> new BybitKlineApi();
            case COINBASE -> new CoinbaseKlineApi();
            default -> throw new IllegalArgumentException("no kline API for " + venue);
        };
    }
}
