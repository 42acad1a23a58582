package zvt.crypto.feed.simulator.binance;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.agrona.ExpandableArrayBuffer;
import zvt.crypto.core.json.JsonWriter;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.BookView;
import zvt.crypto.feed.simulator.GroundTruthBook;
import zvt.crypto.feed.simulator.RestFaultDice;
import zvt.crypto.feed.simulator.SimulatedInstrument;
import zvt.crypto.feed.simulator.SimulatedMarket;
import zvt.crypto.feed.simulator.VenueRestApi;
import zvt.crypto.feed.simulator.rest.BinanceKlinesRoute;
import zvt.crypto.feed.simulator.rest.SimulatedReply;
import zvt.crypto.feed.simulator.rest.SyntheticCandleMarket;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Binance's public REST market data on the simulator's port: {@code GET /api/v3/depth} (a snapshot of the ground-truth
 * book whose {@code lastUpdateId} is the {@code u} of the last diff sent), {@code /api/v3/exchangeInfo} (2021 shape,
 * PRICE_FILTER and LOT_SIZE from the simulated instruments) and {@code /api/v3/klines} (the kline backfill's
 * deterministic synthetic history, {@link BinanceKlinesRoute}). Request weight is counted per minute like Binance
 * (depth 5/25/50/250 by limit, klines 2, exchangeInfo 20), reported in {@code X-MBX-USED-WEIGHT-1M}, and answered 429
 * with {@code Retry-After} beyond the limit. REST faults (429, 5xx, slow snapshots) are injected here and recorded.
 * Errors use Binance's {@code {"code":..,"msg":..}} body. Used on the simulator's event loop only.
 */
final class BinanceRestApi implements VenueRestApi
{
    private static final int EXPONENT = GroundTruthBook.EXPONENT;
    private static final long MINUTE_MS = TimeUnit.MINUTES.toMillis(1);
    private static final int DEPTH_LIMIT_DEFAULT = 100;
    private static final int DEPTH_LIMIT_MAX = 5_000;
    /** Synthetic kline history starts here (Binance's launch, July 2017). */
    private static final long KLINES_LISTED_FROM_MS = 1_500_000_000_000L;

    private final BinanceSimulatorContext context;
    private final SimulatedMarket market;
    private final RestFaultDice faultDice;
    private final ExpandableArrayBuffer body = new ExpandableArrayBuffer(64 * 1024);
    private final JsonWriter writer = new JsonWriter();
    private long[] prices = new long[0];
    private long[] sizes = new long[0];
    private final BinanceKlinesRoute klinesRoute;
    private long weightMinute;
    private long usedWeight;

    BinanceRestApi(final BinanceSimulatorContext context, final SimulatedMarket market)
    {
        this.context = context;
        this.market = market;
        this.faultDice = new RestFaultDice(context, market.faultLog(), context.seed() * 17 + 5);
        this.klinesRoute = new BinanceKlinesRoute(
            new SyntheticCandleMarket(context.seed(), KLINES_LISTED_FROM_MS, context.epochClock()::time), Set.of());
    }

    public boolean handles(final String path)
    {
        return path.startsWith("/api/");
    }

    public void handle(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final QueryStringDecoder query = new QueryStringDecoder(request.uri());
        final String path = query.path();
        if (!HttpMethod.GET.equals(request.method()))
        {
            error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, -1_000, "only GET is simulated", 0);
            return;
        }
        final int weight = switch (path)
        {
            case "/api/v3/depth" -> depthWeight(intParam(query, "limit", DEPTH_LIMIT_DEFAULT));
            case "/api/v3/klines" -> 2;
            case "/api/v3/exchangeInfo" -> 20;
            default -> -1;
        };
        if (weight < 0)
        {
            error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, -1_000, "no such endpoint: " + path, 0);
            return;
        }
        final long nowMs = context.epochClock().time();
        final long minute = nowMs / MINUTE_MS;
        if (minute != weightMinute)
        {
            weightMinute = minute;
            usedWeight = 0;
        }
        usedWeight += weight;
        if (usedWeight > context.restWeightPerMinute())
        {
            final long retryAfter = Math.max(1, ((minute + 1) * MINUTE_MS - nowMs + 999) / 1000);
            error(ctx, keepAlive, HttpResponseStatus.TOO_MANY_REQUESTS, -1_003,
                "Too much request weight used; current limit is " + context.restWeightPerMinute() +
                " request weight per 1 MINUTE.", retryAfter);
            return;
        }
        final int fault = faultDice.roll(path);
        if (fault == RestFaultDice.TOO_MANY_REQUESTS)
        {
            error(ctx, keepAlive, HttpResponseStatus.TOO_MANY_REQUESTS, -1_003,
                "Too many requests (simulated).", context.faults().retryAfterSeconds());
            return;
        }
        if (fault == RestFaultDice.UNAVAILABLE)
        {
            error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, -1_001,
                "Internal error; unable to process your request. Please try again.", 0);
            return;
        }
        switch (path)
        {
            case "/api/v3/depth" -> depth(ctx, keepAlive, query);
            case "/api/v3/klines" -> klines(ctx, keepAlive, query);
            default -> exchangeInfo(ctx, keepAlive, query);
        }
    }

    private void depth(final ChannelHandlerContext ctx, final boolean keepAlive, final QueryStringDecoder query)
    {
        final String symbol = symbolParam(query);
        final int limit = intParam(query, "limit", DEPTH_LIMIT_DEFAULT);
        if (symbol == null)
        {
            error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, -1_102,
                "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.", 0);
            return;
        }
        if (limit < 1 || limit > DEPTH_LIMIT_MAX)
        {
            error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, -1_100,
                "Illegal characters found in parameter 'limit'; legal range is '1..5000'.", 0);
            return;
        }
        final long delayMs = faultDice.snapshotDelayMs("/api/v3/depth " + symbol);
        if (delayMs > 0)
        {
            ctx.executor().schedule(() -> sendSnapshot(ctx, keepAlive, symbol, limit), delayMs, TimeUnit.MILLISECONDS);
            return;
        }
        sendSnapshot(ctx, keepAlive, symbol, limit);
    }

    private void sendSnapshot(
        final ChannelHandlerContext ctx, final boolean keepAlive, final String symbol, final int limit)
    {
        if (!ctx.channel().isActive())
        {
            return;
        }
        // Frames of this tick that are still batched go out first, so the snapshot never runs ahead of the stream.
        market.flushAll();
        final int length = writeSnapshot(market.book(symbol), limit);
        send(ctx, keepAlive, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body.byteArray(), 0, length).copy(), 0);
    }

    /** A depth snapshot body with at most {@code limit} levels per side, bids best first, asks best first. */
    private int writeSnapshot(final BookView book, final int limit)
    {
        if (prices.length < limit)
        {
            prices = new long[limit];
            sizes = new long[limit];
        }
        writer.wrap(body, 0).beginObject().field("lastUpdateId", book.lastUpdateId()).beginArray("bids");
        writeLevels(book.bestLevels(true, prices, sizes, limit));
        writer.endArray().beginArray("asks");
        writeLevels(book.bestLevels(false, prices, sizes, limit));
        writer.endArray().endObject();
        return writer.position();
    }

    private void writeLevels(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            writer.beginArray().decimal(prices[i], EXPONENT).decimal(sizes[i], EXPONENT).endArray();
        }
    }

    /** Served by the kline backfill's {@link BinanceKlinesRoute}, so both simulators agree on kline history. */
    private void klines(final ChannelHandlerContext ctx, final boolean keepAlive, final QueryStringDecoder query)
    {
        final SimulatedReply reply = klinesRoute.handle(query);
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        reply.headers().forEach(response.headers()::set);
        send(ctx, keepAlive, response, 0);
    }

    private void exchangeInfo(final ChannelHandlerContext ctx, final boolean keepAlive, final QueryStringDecoder query)
    {
        final Set<String> symbols = new LinkedHashSet<>();
        final String one = symbolParam(query);
        final String many = stringParam(query, "symbols");
        if (one != null)
        {
            symbols.add(one);
        }
        else if (many != null)
        {
            for (final String quoted : many.replace("[", "").replace("]", "").split(","))
            {
                final String symbol = quoted.replace("\"", "").trim().toUpperCase(Locale.ROOT);
                if (!symbol.isEmpty())
                {
                    symbols.add(symbol);
                }
            }
        }
        else
        {
            symbols.addAll(SimulatedInstrument.defaultSymbols());
            context.instruments().forEach(instrument -> symbols.add(instrument.venueSymbol()));
            market.instruments().forEach(instrument -> symbols.add(instrument.venueSymbol()));
        }
        final StringBuilder json = new StringBuilder(1024 + symbols.size() * 1200)
            .append("{\"timezone\":\"UTC\",\"serverTime\":").append(context.epochClock().time())
            .append(",\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",")
            .append("\"intervalNum\":1,\"limit\":").append(context.restWeightPerMinute())
            .append("},{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":50},")
            .append("{\"rateLimitType\":\"ORDERS\",\"interval\":\"DAY\",\"intervalNum\":1,\"limit\":160000},")
            .append("{\"rateLimitType\":\"RAW_REQUESTS\",\"interval\":\"MINUTE\",\"intervalNum\":5,\"limit\":6100}],")
            .append("\"exchangeFilters\":[],\"symbols\":[");
        boolean first = true;
        for (final String symbol : symbols)
        {
            json.append(first ? "" : ",");
            first = false;
            BinanceExchangeInfo.appendSymbol(context.instrument(symbol), json);
        }
        send(ctx, keepAlive, HttpResponseStatus.OK,
            Unpooled.copiedBuffer(json.append("]}"), StandardCharsets.UTF_8), 0);
    }

    private static int depthWeight(final int limit)
    {
        return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1_000 ? 50 : 250;
    }

    private static String symbolParam(final QueryStringDecoder query)
    {
        final String symbol = stringParam(query, "symbol");
        return symbol == null || symbol.isBlank() || !symbol.chars().allMatch(Character::isLetterOrDigit) ?
            null : symbol.toUpperCase(Locale.ROOT);
    }

    private static String stringParam(final QueryStringDecoder query, final String name)
    {
        final List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static int intParam(final QueryStringDecoder query, final String name, final int defaultValue)
    {
        final long value = longParam(query, name, defaultValue);
        return value > Integer.MAX_VALUE ? -1 : (int)value;
    }

    private static long longParam(final QueryStringDecoder query, final String name, final long defaultValue)
    {
        final String text = stringParam(query, name);
        if (text == null)
        {
            return defaultValue;
        }
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private void error(
        final ChannelHandlerContext ctx, final boolean keepAlive, final HttpResponseStatus status, final int code,
        final String message, final long retryAfterSeconds)
    {
        final String json = "{\"code\":" + code + ",\"msg\":\"" + message.replace("\"", "'") + "\"}";
        send(ctx, keepAlive, status, Unpooled.copiedBuffer(json, StandardCharsets.UTF_8), retryAfterSeconds);
    }

    private void send(
        final ChannelHandlerContext ctx,
        final boolean keepAlive,
        final HttpResponseStatus status,
        final ByteBuf content,
        final long retryAfterSeconds)
    {
        send(ctx, keepAlive, new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content), retryAfterSeconds);
    }

    private void send(
        final ChannelHandlerContext ctx, final boolean keepAlive, final FullHttpResponse response,
        final long retryAfterSeconds)
    {
        final ByteBuf content = response.content();
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, "application/json;charset=UTF-8")
            .set("X-MBX-USED-WEIGHT-1M", Long.toString(usedWeight))
            .set("X-MBX-USED-WEIGHT", Long.toString(usedWeight));
        if (retryAfterSeconds > 0)
        {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        HttpUtil.setContentLength(response, content.readableBytes());
        if (keepAlive)
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        }
        else
        {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
