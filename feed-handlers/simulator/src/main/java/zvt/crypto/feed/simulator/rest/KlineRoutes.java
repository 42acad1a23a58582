package zvt.crypto.feed.simulator.rest;

import zvt.crypto.core.codec.Venue;

import java.util.List;
import java.util.Set;

/**
 * Mounts a venue's kline API over a {@link SyntheticCandleMarket} on a {@link RestSimulatorContext}, at the venue's
 * real paths, so a client pointed at the simulator's base address sends exactly what it sends to the venue.
 */
public final class KlineRoutes
{
    private KlineRoutes()
    {
    }

    /**
     * @param venueSymbols the venue's symbols to serve: {@code BTCUSDT} for Binance and Bybit, {@code BTC-USDT} for
     *                     OKX, {@code BTC-USD} for Coinbase.
     */
    public static RestSimulatorContext mount(
        final RestSimulatorContext context,
        final Venue venue,
        final SyntheticCandleMarket market,
        final List<String> venueSymbols)
    {
        final Set<String> symbols = Set.copyOf(venueSymbols);
        switch (venue)
        {
            case BINANCE -> context.route(BinanceKlinesRoute.PATH, new BinanceKlinesRoute(market, symbols));
            case OKX -> context
                .route(OkxCandlesRoute.HISTORY_PATH, new OkxCandlesRoute(market, symbols, 100))
                .route(OkxCandlesRoute.RECENT_PATH, new OkxCandlesRoute(market, symbols, 300));
            case BYBIT -> context.route(BybitKlineRoute.PATH, new BybitKlineRoute(market, symbols));
            case COINBASE -> venueSymbols.forEach(product ->
                context.route(CoinbaseCandlesRoute.path(product), new CoinbaseCandlesRoute(market, product)));
            default -> throw new IllegalArgumentException("no kline routes for " + venue);
        }
        return context;
    }
}
