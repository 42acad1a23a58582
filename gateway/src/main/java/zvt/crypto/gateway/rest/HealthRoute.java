package zvt.crypto.gateway.rest;

import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import zvt.crypto.gateway.GatewayCounters;

/**
 * {@code health}: the gateway is up, with its counters, plus the node's readiness details under {@code "node"} when
 * it gives any (the database writer's state, say). Also served at the bare {@code /health} probes use.
 */
final class HealthRoute extends TreeRoute
{
    private final ObjectMapper json;
    private final GatewayCounters counters;
    private final Supplier<String> nodeDetails;

    HealthRoute(final ObjectMapper json, final GatewayCounters counters, final Supplier<String> nodeDetails)
    {
        this.json = json;
        this.counters = counters;
        this.nodeDetails = nodeDetails;
    }

    public String template()
    {
        return RestApi.PREFIX + "/health";
    }

    public boolean blocking()
    {
        return false;
    }

    public JsonNode handle(final RestRequest request)
    {
        final ObjectNode body = json.createObjectNode()
            .put("status", "up")
            .put("sessions", counters.sessionsOpen())
            .put("messagesSent", counters.messagesSent())
            .put("slowConsumerDisconnects", counters.slowConsumerDisconnects())
            .put("rejectedRequests", counters.rejectedRequests());
        final String node = nodeDetails.get();
        if (node != null)
        {
            try
            {
                body.set("node", json.readTree(node));
            }
            catch (final JsonProcessingException ex)
            {
                body.put("node", node);
            }
        }
        return body;
    }
}
