package zvt.crypto.gateway.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import zvt.crypto.gateway.fanout.FanoutEventHandler;

/**
 * {@code ready}: 200 when the node can serve what it promises, else 503 with every reason: the node's own (the
 * database writer lagging, the journal not writable) and the gateway's (a book someone subscribes to stale beyond
 * the threshold). Kubernetes' readiness probe asks here; liveness asks {@code health}.
 */
final class ReadyRoute extends TreeRoute
{
    private final ObjectMapper json;
    private final Supplier<List<String>> nodeReasons;
    private final FanoutEventHandler fanout;
    private final long bookStaleMs;

    ReadyRoute(
        final ObjectMapper json, final Supplier<List<String>> nodeReasons, final FanoutEventHandler fanout,
        final long bookStaleMs)
    {
        this.json = json;
        this.nodeReasons = nodeReasons;
        this.fanout = fanout;
        this.bookStaleMs = bookStaleMs;
    }

    public String template()
    {
        return RestApi.PREFIX + "/ready";
    }

    public boolean blocking()
    {
        return false;
    }

    public JsonNode handle(final RestRequest request) throws RestException
    {
        final List<String> reasons = new ArrayList<>(nodeReasons.get());
        for (final String book : fanout.staleBooks())
        {
            reasons.add("book " + book + " stale for more than " + bookStaleMs + " ms");
        }
        if (!reasons.isEmpty())
        {
            throw new RestException(HttpResponseStatus.SERVICE_UNAVAILABLE, "not ready: " + String.join("; ", reasons));
        }
        return json.createObjectNode().put("ready", true);
    }
}
