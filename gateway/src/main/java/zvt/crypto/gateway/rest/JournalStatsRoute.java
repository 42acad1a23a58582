package zvt.crypto.gateway.rest;

import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code journal/stats}: the journal this node writes, as the node reports it live (first and last index, what it
 * appended since it started, the files on disk), without reading the journal. Runs on a query thread: listing the
 * files is disk I/O.
 */
final class JournalStatsRoute extends TreeRoute
{
    private final ObjectMapper json;
    private final Supplier<Map<String, Object>> stats;

    JournalStatsRoute(final ObjectMapper json, final Supplier<Map<String, Object>> stats)
    {
        this.json = json;
        this.stats = stats;
    }

    public String template()
    {
        return RestApi.PREFIX + "/journal/stats";
    }

    public boolean blocking()
    {
        return true;
    }

    public JsonNode handle(final RestRequest request) throws RestException
    {
        final Map<String, Object> current = stats.get();
        if (current == null)
        {
            throw new RestException(HttpResponseStatus.SERVICE_UNAVAILABLE, "no journal in this process");
        }
        return json.valueToTree(current);
    }
}
