package zvt.crypto.bench.gateway;

import java.time.Instant;

/** One request of the load: 1m candles of a Binance spot symbol with open time in [from, to), at most limit. */
record OhlcvQuery(String symbol, Instant from, Instant to, int limit)
{
    /** The gateway's REST path for it; times as epoch milliseconds, as the route accepts. */
    String path()
    {
        return "/api/v1/crypto/ohlcv/BINANCE/" + symbol + "?interval=1m&from=" + from.toEpochMilli() + "&to=" +
            to.toEpochMilli() + "&limit=" + limit;
    }
}
