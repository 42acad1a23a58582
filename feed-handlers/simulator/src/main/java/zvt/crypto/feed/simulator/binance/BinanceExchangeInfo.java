package zvt.crypto.feed.simulator.binance;

import zvt.crypto.feed.simulator.SimulatedInstrument;

import java.util.Locale;

/**
 * One symbol of Binance's {@code /api/v3/exchangeInfo} (2021 shape): base and quote split by the known quote assets,
 * PRICE_FILTER and LOT_SIZE from the simulated instrument's tick and lot. Control-rate REST, so it builds strings.
 * Stateless.
 */
final class BinanceExchangeInfo
{
    private BinanceExchangeInfo()
    {
    }

    static void appendSymbol(final SimulatedInstrument instrument, final StringBuilder json)
    {
        final String symbol = instrument.venueSymbol();
        final String quote = SimulatedInstrument.quoteOf(symbol);
        final String base = symbol.substring(0, symbol.length() - quote.length());
        final String tick = eightDecimals(instrument.tickMantissa());
        final String step = eightDecimals(instrument.lotMantissa());
        json.append("{\"symbol\":\"").append(symbol).append("\",\"status\":\"TRADING\",\"baseAsset\":\"")
            .append(base).append("\",\"baseAssetPrecision\":8,\"quoteAsset\":\"").append(quote)
            .append("\",\"quotePrecision\":8,\"quoteAssetPrecision\":8,\"baseCommissionPrecision\":8,")
            .append("\"quoteCommissionPrecision\":8,\"orderTypes\":[\"LIMIT\",\"LIMIT_MAKER\",\"MARKET\",")
            .append("\"STOP_LOSS_LIMIT\",\"TAKE_PROFIT_LIMIT\"],\"icebergAllowed\":true,\"ocoAllowed\":true,")
            .append("\"quoteOrderQtyMarketAllowed\":true,\"isSpotTradingAllowed\":true,")
            .append("\"isMarginTradingAllowed\":false,\"filters\":[")
            .append("{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"").append(tick)
            .append("\",\"maxPrice\":\"1000000.00000000\",\"tickSize\":\"").append(tick).append("\"},")
            .append("{\"filterType\":\"PERCENT_PRICE\",\"multiplierUp\":\"5\",\"multiplierDown\":\"0.2\",")
            .append("\"avgPriceMins\":5},")
            .append("{\"filterType\":\"LOT_SIZE\",\"minQty\":\"").append(step)
            .append("\",\"maxQty\":\"9000000.00000000\",\"stepSize\":\"").append(step).append("\"},")
            .append("{\"filterType\":\"MIN_NOTIONAL\",\"minNotional\":\"0.00010000\",\"applyToMarket\":true,")
            .append("\"avgPriceMins\":5},{\"filterType\":\"ICEBERG_PARTS\",\"limit\":10},")
            .append("{\"filterType\":\"MAX_NUM_ORDERS\",\"maxNumOrders\":200}],\"permissions\":[\"SPOT\"]}");
    }

    private static String eightDecimals(final long mantissa)
    {
        final String digits = String.format(Locale.ROOT, "%09d", mantissa);
        return digits.substring(0, digits.length() - 8) + "." + digits.substring(digits.length() - 8);
    }
}
