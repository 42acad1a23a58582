package zvt.crypto.feed.simulator.rest;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a {@link RestRoute} answers: status, body and extra headers. Immutable.
 *
 * @param status  HTTP status.
 * @param body    the body bytes (JSON for the venue routes).
 * @param headers extra response headers.
 */
public record SimulatedReply(int status, byte[] body, Map<String, String> headers)
{
    public static SimulatedReply json(final int status, final String json)
    {
        return new SimulatedReply(status, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static SimulatedReply ok(final String json)
    {
        return json(200, json);
    }
}
