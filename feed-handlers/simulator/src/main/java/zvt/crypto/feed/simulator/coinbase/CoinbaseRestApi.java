package zvt.crypto.feed.simulator.coinbase;

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
 * Coinbase Advanced Trade's public reference data on the simulator's port, {@code GET
 * /api/v3/brokerage/market/products[?product_ids=BTC-USD&product_ids=...]}: {@code price_increment} and {@code
 * base_increment} of the simulated instruments, for the products asked for or for the simulator's known markets.
 * An unknown path is 404 with Coinbase's {@code {"error","message"}} body. Control-rate REST, so it builds strings.
 * Used on the simulator's event loop only.
 */
final class CoinbaseRestApi implements VenueRestApi
{
    private static final String PRODUCTS_PATH = "/api/v3/brokerage/market/products";

    private final BinanceSimulatorContext context;

    CoinbaseRestApi(final BinanceSimulatorContext context)
    {
        this.context = context;
    }

    public boolean handles(final String path)
    {
        return path.startsWith("/api/v3/brokerage/");
    }

    public void handle(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final QueryStringDecoder query = new QueryStringDecoder(request.uri());
        if (!PRODUCTS_PATH.equals(query.path()))
        {
            RestReplies.json(ctx, keepAlive, HttpResponseStatus.NOT_FOUND,
                "{\"error\":\"NOT_FOUND\",\"message\":\"no such path: " + query.path() + "\"}");
            return;
        }
        final List<String> asked = query.parameters().get("product_ids");
        final List<String> productIds = asked != null ?
            asked.stream().map(id -> id.toUpperCase(Locale.ROOT)).toList() :
            SimulatedInstrument.defaultSymbols().stream().map(SimulatedInstrument::dashed).toList();
        final StringBuilder json = new StringBuilder(512 * productIds.size()).append("{\"products\":[");
        int count = 0;
        for (final String productId : productIds)
        {
            final int dash = productId.indexOf('-');
            if (dash < 1)
            {
                continue;
            }
            final SimulatedInstrument instrument = context.instrument(productId);
            json.append(count++ == 0 ? "" : ",").append("{\"product_id\":\"").append(productId)
                .append("\",\"base_increment\":\"").append(instrument.lotSize())
                .append("\",\"quote_increment\":\"").append(instrument.tickSize())
                .append("\",\"price_increment\":\"").append(instrument.tickSize())
                .append("\",\"base_min_size\":\"").append(instrument.lotSize())
                .append("\",\"base_max_size\":\"1000\",\"base_currency_id\":\"").append(productId, 0, dash)
                .append("\",\"quote_currency_id\":\"").append(productId.substring(dash + 1))
                .append("\",\"status\":\"online\",\"trading_disabled\":false,\"is_disabled\":false,")
                .append("\"product_type\":\"SPOT\"}");
        }
        RestReplies.json(ctx, keepAlive, HttpResponseStatus.OK,
            json.append("],\"num_products\":").append(count).append('}').toString());
    }
}
