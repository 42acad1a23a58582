package zvt.crypto.feed.simulator.rest;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;

/** Query-parameter helpers of the kline routes. Stateless. */
final class KlineRouteSupport
{
    private KlineRouteSupport()
    {
    }

    static String param(final QueryStringDecoder query, final String name)
    {
        final List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static long longParam(final QueryStringDecoder query, final String name, final long otherwise)
    {
        final String value = param(query, name);
        return value == null ? otherwise : Long.parseLong(value);
    }

    static String quote(final Object value)
    {
        return "\"" + value + "\"";
    }
}
