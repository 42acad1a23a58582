package zvt.crypto.feed.coinbase;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.DecimalError;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.JsonCursor;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Advanced Trade {@code GET /api/v3/brokerage/market/products} ({@code {"products":[{"product_id",
 * "price_increment", "base_increment", ...}]}}, the public variant of list-products) into tick and lot sizes, and
 * refines the registry's Coinbase spot instruments with them, as
 * {@link zvt.crypto.feed.binance.BinanceExchangeInfo} does for Binance. Reference data, not the hot path: it
 * allocates. Stateless and thread-safe.
 */
public final class CoinbaseProducts
{
    /**
     * One product of the response.
     *
     * @param priceExponent exponent of {@code price_increment} with trailing zeros removed ({@code 0.01} → -2).
     * @param tickSize      its mantissa at that exponent (1 for {@code 0.01}; 0 if not given).
     * @param sizeExponent  the same for {@code base_increment}.
     * @param lotSize       its mantissa.
     */
    public record ProductInfo(String productId, int priceExponent, long tickSize, int sizeExponent, long lotSize)
    {
    }

    private static final byte[] PRODUCTS = CoinbaseFields.ascii("products");
    private static final int PRODUCT_ID = 0;
    private static final int PRICE_INCREMENT = 1;
    private static final int BASE_INCREMENT = 2;

    private CoinbaseProducts()
    {
    }

    /**
     * @return every product of the body, in order.
     * @throws IllegalArgumentException if the body is not a products response.
     */
    public static List<ProductInfo> parse(final DirectBuffer body, final int offset, final int length)
    {
        final JsonCursor cursor = new JsonCursor().wrap(body, offset, length);
        require(cursor.next() == JsonCursor.BEGIN_OBJECT, "not a JSON object");
        final CoinbaseFields fields = new CoinbaseFields("product_id", "price_increment", "base_increment");
        final List<ProductInfo> products = new ArrayList<>();
        boolean listed = false;
        while (cursor.next() == JsonCursor.FIELD_NAME)
        {
            final boolean isProducts = cursor.tokenEquals(PRODUCTS);
            final int value = cursor.next();
            if (isProducts && value == JsonCursor.BEGIN_ARRAY)
            {
                listed = true;
                while (cursor.next() == JsonCursor.BEGIN_OBJECT)
                {
                    require(fields.read(cursor), "malformed JSON");
                    require(fields.has(PRODUCT_ID), "a product without product_id");
                    products.add(product(fields));
                }
                require(cursor.token() == JsonCursor.END_ARRAY, "products is not an array of objects");
            }
            else
            {
                require(CoinbaseFields.isValue(value) && cursor.skipValue(), "malformed JSON");
            }
        }
        require(cursor.token() == JsonCursor.END_OBJECT && listed, "no products array");
        return products;
    }

    /**
     * Puts refined copies of the registry's Coinbase spot instruments that the response lists (same id and symbols;
     * exponents, tick and lot sizes from the response).
     *
     * @return the instruments refined.
     */
    public static List<Instrument> refine(final InstrumentRegistry registry, final List<ProductInfo> products)
    {
        final List<Instrument> refined = new ArrayList<>();
        for (final ProductInfo product : products)
        {
            final Instrument known = registry.byVenueSymbol(Venue.COINBASE, MarketType.SPOT, product.productId());
            if (known != null)
            {
                refined.add(registry.put(known.withSizes(
                    product.priceExponent(), product.sizeExponent(), product.tickSize(), product.lotSize())));
            }
        }
        return refined;
    }

    private static ProductInfo product(final CoinbaseFields fields)
    {
        final String productId = fields.buffer().getStringWithoutLengthAscii(
            fields.offset(PRODUCT_ID), fields.length(PRODUCT_ID));
        final MutableDecimal tick = increment(fields, PRICE_INCREMENT, "price_increment", productId);
        final MutableDecimal lot = increment(fields, BASE_INCREMENT, "base_increment", productId);
        return new ProductInfo(productId, tick.exponent(), tick.mantissa(), lot.exponent(), lot.mantissa());
    }

    /** The increment with trailing zeros removed; zero (exponent 0) if the product does not give it. */
    private static MutableDecimal increment(
        final CoinbaseFields fields, final int field, final String name, final String productId)
    {
        final MutableDecimal value = new MutableDecimal();
        if (!fields.has(field))
        {
            return value;
        }
        require(AsciiDecimal.parse(fields.buffer(), fields.offset(field), fields.length(field), value) ==
            DecimalError.NONE && value.mantissa() >= 0, "bad " + name + " of " + productId);
        long mantissa = value.mantissa();
        int exponent = value.exponent();
        if (mantissa == 0)
        {
            return value.set(0, 0);
        }
        while (mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }
        return value.set(mantissa, exponent);
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("not a Coinbase products response: " + message);
        }
    }
}
