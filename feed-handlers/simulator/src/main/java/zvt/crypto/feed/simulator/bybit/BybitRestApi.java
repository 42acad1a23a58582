package zvt.crypto.feed.simulator.bybit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.RestReplies;
import zvt.crypto.feed.simulator.SimulatedInstrument;
import zvt.crypto.feed.simulator.VenueRestApi;

import java.util.List;
import java.util.Locale;

/**
 * Bybit's reference data on the simulator's port, {@code GET /v5/market/instruments-info?category=spot|linear
 * [&symbol=]}: tick size ({@code priceFilter.tickSize}) and lot size ({@code lotSizeFilter.basePrecision} on spot,
 * {@code qtyStep} on linear) of the simulated instrument, for one symbol or for the simulator's known markets.
 * Errors in Bybit's envelope ({@code retCode} != 0) with HTTP 200, an unknown path 404. Control-rate REST, so it
 * builds strings. Used on the simulator's event loop only.
 */
final class BybitRestApi implements VenueRestApi
{
    private static final String INSTRUMENTS_PATH = "/v5/market/instruments-info";

    private final BinanceSimulatorContext context;

    BybitRestApi(final BinanceSimulatorContext context)
    {
        this.context = context;
    }

    public boolean handles(final String path)
    {
        return path.startsWith("/v5/market/");
    }

    public void handle(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final QueryStringDecoder query = new QueryStringDecoder(request.uri());
        if (!INSTRUMENTS_PATH.equals(query.path()))
        {
            RestReplies.json(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, reply(10001, "no such path: " + query.path(),
                "{}"));
            return;
        }
        final String category = RestReplies.param(query, "category");
        if (!"spot".equals(category) && !"linear".equals(category))
        {
            RestReplies.json(ctx, keepAlive, HttpResponseStatus.OK, reply(10001, "params error: category", "{}"));
            return;
        }
        final String one = RestReplies.param(query, "symbol");
        final List<String> symbols = one != null ? List.of(one.toUpperCase(Locale.ROOT)) :
            SimulatedInstrument.defaultSymbols();
        final StringBuilder list = new StringBuilder(512 * symbols.size());
        for (final String symbol : symbols)
        {
            final SimulatedInstrument instrument = context.instrument(BybitProtocol.marketSymbol(category, symbol));
            final String quote = SimulatedInstrument.quoteOf(symbol);
            final String base = symbol.substring(0, symbol.length() - quote.length());
            list.append(list.isEmpty() ? "" : ",").append("{\"symbol\":\"").append(symbol)
                .append("\",\"baseCoin\":\"").append(base).append("\",\"quoteCoin\":\"").append(quote)
                .append("\",\"status\":\"Trading\",");
            if ("spot".equals(category))
            {
                list.append("\"innovation\":\"0\",\"marginTrading\":\"none\",\"lotSizeFilter\":{\"basePrecision\":\"")
                    .append(instrument.lotSize()).append("\",\"quotePrecision\":\"0.00000001\",\"minOrderQty\":\"")
                    .append(instrument.lotSize()).append("\",\"maxOrderQty\":\"1000\"},")
                    .append("\"priceFilter\":{\"tickSize\":\"").append(instrument.tickSize()).append("\"}}");
            }
            else
            {
                list.append("\"contractType\":\"LinearPerpetual\",\"settleCoin\":\"").append(quote)
                    .append("\",\"priceFilter\":{\"minPrice\":\"").append(instrument.tickSize())
                    .append("\",\"maxPrice\":\"1999999\",\"tickSize\":\"").append(instrument.tickSize())
                    .append("\"},\"lotSizeFilter\":{\"maxOrderQty\":\"1000\",\"minOrderQty\":\"")
                    .append(instrument.lotSize()).append("\",\"qtyStep\":\"").append(instrument.lotSize())
                    .append("\"}}");
            }
        }
        RestReplies.json(ctx, keepAlive, HttpResponseStatus.OK, reply(0, "OK",
            "{\"category\":\"" + category + "\",\"list\":[" + list + "],\"nextPageCursor\":\"\"}"));
    }

    private String reply(final int retCode, final String retMsg, final String result)
    {
        return "{\"retCode\":" + retCode + ",\"retMsg\":\"" + retMsg + "\",\"result\":" + result +
            ",\"retExtInfo\":{},\"time\":" + context.epochClock().time() + "}";
    }
}
