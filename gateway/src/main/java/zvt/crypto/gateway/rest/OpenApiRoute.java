package zvt.crypto.gateway.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code openapi.json}: the OpenAPI 3 document of this API, a resource next to these classes. */
final class OpenApiRoute extends TreeRoute
{
    static final String RESOURCE = "openapi.json";

    private final JsonNode document;

    OpenApiRoute(final ObjectMapper json)
    {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            document = json.readTree(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public String template()
    {
        return RestApi.PREFIX + "/openapi.json";
    }

    public boolean blocking()
    {
        return false;
    }

    public JsonNode handle(final RestRequest request)
    {
        return document;
    }
}
