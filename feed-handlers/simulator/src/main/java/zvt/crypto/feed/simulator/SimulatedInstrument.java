package zvt.crypto.feed.simulator;

import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.MutableDecimal;

import java.util.Locale;
import java.util.Map;

/**
 * How the simulator trades one symbol: where the price starts, its tick and its lot. Prices and sizes are written the
 * way Binance spot writes them, with eight decimals ({@code "63193.20000000"}).
 *
 * @param venueSymbol Binance symbol, e.g. {@code BTCUSDT}.
 * @param startPrice  decimal text, e.g. {@code "60000.00"}.
 * @param tickSize    decimal text, at most eight decimals, e.g. {@code "0.01"}.
 * @param lotSize     decimal text, at most eight decimals, e.g. {@code "0.00001"}.
 */
public record SimulatedInstrument(String venueSymbol, String startPrice, String tickSize, String lotSize)
{
    /** Binance spot writes prices and quantities with this many decimals. */
    public static final int DECIMALS = 8;

    private static final Map<String, SimulatedInstrument> DEFAULTS = Map.of(
        "BTCUSDT", new SimulatedInstrument("BTCUSDT", "60000.00", "0.01", "0.00001"),
        "ETHUSDT", new SimulatedInstrument("ETHUSDT", "3000.00", "0.01", "0.0001"),
        "BNBUSDT", new SimulatedInstrument("BNBUSDT", "600.00", "0.01", "0.001"),
        "SOLUSDT", new SimulatedInstrument("SOLUSDT", "150.00", "0.01", "0.001"),
        "XRPUSDT", new SimulatedInstrument("XRPUSDT", "0.5000", "0.0001", "0.1"),
        "ETHBTC", new SimulatedInstrument("ETHBTC", "0.05000", "0.00001", "0.0001"),
        "BNBBTC", new SimulatedInstrument("BNBBTC", "0.009000", "0.000001", "0.001"));

    /** Quote assets a compact symbol ({@code BTCUSDT}) may end with, each listed before its own suffixes. */
    private static final String[] QUOTES = {"USDT", "BUSD", "USDC", "FDUSD", "TUSD", "BTC", "ETH", "BNB", "TRY", "EUR"};

    public SimulatedInstrument
    {
        venueSymbol = venueSymbol.toUpperCase(Locale.ROOT);
        if (startPriceUnits(startPrice, tickSize) <= 0 || scaled(lotSize) <= 0)
        {
            throw new IllegalArgumentException("start price, tick and lot must be positive: " + venueSymbol);
        }
    }

    /**
     * The instrument the simulator uses for a symbol it was not configured with. Other venues' spellings of a known
     * market trade like it: {@code BTC-USDT}, {@code BTC-USDT-SWAP}, {@code BTC-USD} and a Bybit category's
     * {@code LINEAR:BTCUSDT} start where {@code BTCUSDT} does.
     */
    public static SimulatedInstrument defaultFor(final String venueSymbol)
    {
        final String upper = venueSymbol.toUpperCase(Locale.ROOT);
        final String compact = upper.substring(upper.lastIndexOf(':') + 1).replace("-SWAP", "").replace("-", "");
        SimulatedInstrument known = DEFAULTS.get(compact);
        if (known == null && compact.endsWith("USD"))
        {
            known = DEFAULTS.get(compact + "T");
        }
        return known == null ? new SimulatedInstrument(venueSymbol, "100.00", "0.01", "0.001") :
            known.venueSymbol().equals(upper) ? known :
            new SimulatedInstrument(upper, known.startPrice(), known.tickSize(), known.lotSize());
    }

    /** The symbols that have built-in settings, in a stable order. */
    public static java.util.List<String> defaultSymbols()
    {
        return DEFAULTS.keySet().stream().sorted().toList();
    }

    /**
     * The quote asset a compact symbol ends with ({@code BTCUSDT} → {@code USDT}): a known quote asset, else its last
     * three letters. The venues' REST reference data name base and quote separately.
     */
    public static String quoteOf(final String compactSymbol)
    {
        for (final String quote : QUOTES)
        {
            if (compactSymbol.endsWith(quote) && compactSymbol.length() > quote.length())
            {
                return quote;
            }
        }
        return compactSymbol.length() > 3 ? compactSymbol.substring(compactSymbol.length() - 3) : "USD";
    }

    /** {@code BTCUSDT} → {@code BTC-USDT}, the spelling of OKX and Coinbase. */
    public static String dashed(final String compactSymbol)
    {
        final String quote = quoteOf(compactSymbol);
        return compactSymbol.substring(0, compactSymbol.length() - quote.length()) + "-" + quote;
    }

    /** Tick as a mantissa at exponent {@code -DECIMALS}. */
    public long tickMantissa()
    {
        return scaled(tickSize);
    }

    /** Lot as a mantissa at exponent {@code -DECIMALS}. */
    public long lotMantissa()
    {
        return scaled(lotSize);
    }

    /** Start price in ticks. */
    public long startTicks()
    {
        return startPriceUnits(startPrice, tickSize);
    }

    private static long startPriceUnits(final String price, final String tick)
    {
        final long tickMantissa = scaled(tick);
        return tickMantissa <= 0 ? 0 : scaled(price) / tickMantissa;
    }

    private static long scaled(final String text)
    {
        final MutableDecimal decimal = AsciiDecimal.parse(text);
        if (decimal.exponent() < -DECIMALS)
        {
            throw new IllegalArgumentException("more than " + DECIMALS + " decimals: " + text);
        }
        long mantissa = decimal.mantissa();
        for (int i = decimal.exponent(); i > -DECIMALS; i--)
        {
            mantissa = Math.multiplyExact(mantissa, 10);
        }
        return mantissa;
    }
}
