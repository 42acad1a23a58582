package zvt.crypto.core.instrument;

import zvt.crypto.core.codec.MarketType;

import java.util.regex.Pattern;

/**
 * The one symbol scheme of every venue and market type: {@code BASE-QUOTE} for spot ({@code BTC-USDT}) and
 * {@code BASE-QUOTE-PERP} for a perpetual swap settled in the quote currency ({@code BTC-USDT-PERP}; on OKX the
 * coin-margined {@code BTC-USD-SWAP} is {@code BTC-USD-PERP} too). Assets are 1 to 20 upper-case letters or digits.
 * Venues map it to their own spelling ({@code BTCUSDT}, {@code BTC-USDT-SWAP}); {@link #parse} refuses anything else
 * with a message a person can act on, so a typo in the configuration stops the node at start-up.
 *
 * @param base       e.g. {@code BTC}.
 * @param quote      e.g. {@code USDT}.
 * @param marketType {@link MarketType#SPOT} or {@link MarketType#PERPETUAL}.
 */
public record NormalizedSymbol(String base, String quote, MarketType marketType)
{
    public static final String PERPETUAL_SUFFIX = "-PERP";
    private static final Pattern ASSET = Pattern.compile("[A-Z0-9]{1,20}");

    /** @throws IllegalArgumentException if {@code text} is not {@code BASE-QUOTE} or {@code BASE-QUOTE-PERP}. */
    public static NormalizedSymbol parse(final String text)
    {
        final boolean perpetual = text.endsWith(PERPETUAL_SUFFIX);
        final String pair = perpetual ? text.substring(0, text.length() - PERPETUAL_SUFFIX.length()) : text;
        final int dash = pair.indexOf('-');
        if (dash < 0 || pair.indexOf('-', dash + 1) >= 0 ||
            !ASSET.matcher(pair.substring(0, dash)).matches() || !ASSET.matcher(pair.substring(dash + 1)).matches())
        {
            throw new IllegalArgumentException("symbol '" + text + "' is not BASE-QUOTE (spot, e.g. BTC-USDT) or " +
                "BASE-QUOTE-PERP (perpetual, e.g. BTC-USDT-PERP), upper case");
        }
        return new NormalizedSymbol(
            pair.substring(0, dash), pair.substring(dash + 1), perpetual ? MarketType.PERPETUAL : MarketType.SPOT);
    }

    /** The base and quote run together: {@code BTCUSDT}, as Binance and Bybit spell both market types. */
    public String concatenated()
    {
        return base + quote;
    }

    /** {@code BTC-USDT}, without the market type. */
    public String pair()
    {
        return base + '-' + quote;
    }

    public String toString()
    {
        return marketType == MarketType.PERPETUAL ? pair() + PERPETUAL_SUFFIX : pair();
    }
}
