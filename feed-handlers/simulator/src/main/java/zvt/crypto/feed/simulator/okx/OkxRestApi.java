package zvt.crypto.feed.simulator.okx;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.agrona.ExpandableArrayBuffer;
import zvt.crypto.core.json.JsonWriter;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.BookView;
import zvt.crypto.feed.simulator.RestFaultDice;
import zvt.crypto.feed.simulator.RestReplies;
import zvt.crypto.feed.simulator.SimulatedInstrument;
import zvt.crypto.feed.simulator.SimulatedMarket;
import zvt.crypto.feed.simulator.VenueRestApi;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static zvt.crypto.feed.simulator.WireDecimals.trimmedExponent;
import static zvt.crypto.feed.simulator.WireDecimals.trimmedMantissa;

/**
 * OKX's public REST on the simulator's port:
 * <ul>
 *     <li>the order book, {@code GET /api/v5/market/books?instId=&sz=} (PROTOCOLS.md §2.3, the REST-snapshot path):
 *     the ground-truth book now, with the {@code seqId} of the last books update sent, so a client can apply
 *     buffered updates with {@code prevSeqId <= seqId < update seqId}. The REST faults of the catalogue (429 with
 *     Retry-After, 503, slow snapshots) apply;</li>
 *     <li>reference data, {@code GET /api/v5/public/instruments?instType=SPOT|SWAP[&instId=]}: tick and lot sizes
 *     of the simulated instruments ({@code tickSz}, {@code lotSz}), for one instrument or for the simulator's
 *     known markets. A swap's contract is one unit of its base ({@code ctVal} 1), so its sizes read the same as
 *     spot's.</li>
 * </ul>
 * Errors in OKX's envelope ({@code code} != "0") with HTTP 200. Used on the simulator's event loop only.
 */
final class OkxRestApi implements VenueRestApi
{
    private static final String BOOKS_PATH = "/api/v5/market/books";
    private static final String INSTRUMENTS_PATH = "/api/v5/public/instruments";
    private static final String SWAP_SUFFIX = "-SWAP";
    private static final int SIZE_DEFAULT = 1;
    private static final int SIZE_MAX = 400;

    private final BinanceSimulatorContext context;
    private final SimulatedMarket market;
    private final RestFaultDice faultDice;
    private final JsonWriter writer = new JsonWriter();
    private final ExpandableArrayBuffer body = new ExpandableArrayBuffer(16 * 1024);
    private final long[] prices = new long[SIZE_MAX];
    private final long[] sizes = new long[SIZE_MAX];

    OkxRestApi(final BinanceSimulatorContext context, final SimulatedMarket market)
    {
        this.context = context;
        this.market = market;
        this.faultDice = new RestFaultDice(context, market.faultLog(), context.seed() * 19 + 7);
    }

    public boolean handles(final String path)
    {
        return path.startsWith("/api/");
    }

    public void handle(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final QueryStringDecoder query = new QueryStringDecoder(request.uri());
        if (INSTRUMENTS_PATH.equals(query.path()))
        {
            instruments(ctx, keepAlive, query);
            return;
        }
        if (!BOOKS_PATH.equals(query.path()))
        {
            RestReplies.json(ctx, keepAlive, HttpResponseStatus.NOT_FOUND,
                "{\"code\":\"50030\",\"msg\":\"Illegal request: " + query.path() + "\",\"data\":[]}");
            return;
        }
        final String instId = RestReplies.param(query, "instId");
        final int sz = RestReplies.intParam(query, "sz", SIZE_DEFAULT);
        if (instId == null || instId.isBlank())
        {
            RestReplies.json(ctx, keepAlive, HttpResponseStatus.OK,
                "{\"code\":\"50014\",\"msg\":\"Parameter instId can not be empty\",\"data\":[]}");
            return;
        }
        if (sz < 1 || sz > SIZE_MAX)
        {
            RestReplies.json(ctx, keepAlive, HttpResponseStatus.OK,
                "{\"code\":\"51000\",\"msg\":\"Parameter sz error\",\"data\":[]}");
            return;
        }
        final int fault = faultDice.roll(BOOKS_PATH);
        if (fault != RestFaultDice.ANSWER)
        {
            final boolean tooMany = fault == RestFaultDice.TOO_MANY_REQUESTS;
            final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                tooMany ? HttpResponseStatus.TOO_MANY_REQUESTS : HttpResponseStatus.SERVICE_UNAVAILABLE,
                Unpooled.copiedBuffer(tooMany ? "{\"code\":\"50011\",\"msg\":\"Too Many Requests\",\"data\":[]}" :
                "{\"code\":\"50001\",\"msg\":\"Service temporarily unavailable\",\"data\":[]}",
                StandardCharsets.UTF_8));
            if (tooMany)
            {
                response.headers().set(HttpHeaderNames.RETRY_AFTER, context.faults().retryAfterSeconds());
            }
            HttpUtil.setContentLength(response, response.content().readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        final long delayMs = faultDice.snapshotDelayMs(BOOKS_PATH + " " + instId);
        if (delayMs > 0)
        {
            ctx.executor().schedule(() -> sendBook(ctx, keepAlive, instId, sz), delayMs, TimeUnit.MILLISECONDS);
            return;
        }
        sendBook(ctx, keepAlive, instId, sz);
    }

    private void instruments(final ChannelHandlerContext ctx, final boolean keepAlive, final QueryStringDecoder query)
    {
        final String instType = RestReplies.param(query, "instType");
        if (!"SPOT".equals(instType) && !"SWAP".equals(instType))
        {
            RestReplies.json(ctx, keepAlive, HttpResponseStatus.OK,
                "{\"code\":\"51000\",\"msg\":\"Parameter instType error\",\"data\":[]}");
            return;
        }
        final boolean swap = "SWAP".equals(instType);
        final Set<String> instIds = new LinkedHashSet<>();
        final String one = RestReplies.param(query, "instId");
        if (one != null)
        {
            instIds.add(one.toUpperCase(Locale.ROOT));
        }
        else
        {
            SimulatedInstrument.defaultSymbols().forEach(
                symbol -> instIds.add(SimulatedInstrument.dashed(symbol) + (swap ? SWAP_SUFFIX : "")));
            market.instruments().forEach(instrument -> instIds.add(instrument.venueSymbol()));
        }
        final StringBuilder json = new StringBuilder(256 * instIds.size())
            .append("{\"code\":\"0\",\"msg\":\"\",\"data\":[");
        String separator = "";
        for (final String instId : instIds)
        {
            if (instId.endsWith(SWAP_SUFFIX) != swap || instId.indexOf('-') < 0)
            {
                continue;
            }
            final SimulatedInstrument instrument = context.instrument(instId);
            final String pair = swap ? instId.substring(0, instId.length() - SWAP_SUFFIX.length()) : instId;
            final String base = pair.substring(0, pair.indexOf('-'));
            final String quote = pair.substring(pair.indexOf('-') + 1);
            json.append(separator).append("{\"instType\":\"").append(instType).append("\",\"instId\":\"").append(instId)
                .append(swap ? "\",\"uly\":\"" + pair + "\",\"instFamily\":\"" + pair + "\",\"baseCcy\":\"\"," +
                    "\"quoteCcy\":\"\",\"settleCcy\":\"" + quote + "\",\"ctVal\":\"1" +
                    "\",\"ctMult\":\"1\",\"ctValCcy\":\"" + base + "\",\"ctType\":\"linear" :
                    "\",\"baseCcy\":\"" + base + "\",\"quoteCcy\":\"" + quote)
                .append("\",\"tickSz\":\"").append(instrument.tickSize()).append("\",\"lotSz\":\"")
                .append(instrument.lotSize()).append("\",\"minSz\":\"").append(instrument.lotSize())
                .append("\",\"state\":\"live\"}");
            separator = ",";
        }
        RestReplies.json(ctx, keepAlive, HttpResponseStatus.OK, json.append("]}").toString());
    }

    private void sendBook(final ChannelHandlerContext ctx, final boolean keepAlive, final String instId, final int sz)
    {
        if (!ctx.channel().isActive())
        {
            return;
        }
        // Frames of this tick that are still batched go out first, so the snapshot never runs ahead of the stream.
        market.flushAll();
        final BookView book = market.book(instId);
        writer.wrap(body, 0).beginObject().field("code", "0").field("msg", "").beginArray("data").beginObject()
            .beginArray("asks");
        writeLevels(book.bestLevels(false, prices, sizes, sz));
        writer.endArray().beginArray("bids");
        writeLevels(book.bestLevels(true, prices, sizes, sz));
        writer.endArray().decimalField("ts", context.epochClock().time(), 0).field("seqId", book.lastUpdateId())
            .endObject().endArray().endObject();
        RestReplies.json(ctx, keepAlive, body, writer.position());
    }

    private void writeLevels(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            writer.beginArray().decimal(trimmedMantissa(prices[i]), trimmedExponent(prices[i]))
                .decimal(trimmedMantissa(sizes[i]), trimmedExponent(sizes[i])).decimal(0, 0).decimal(1, 0)
                .endArray();
        }
    }
}
