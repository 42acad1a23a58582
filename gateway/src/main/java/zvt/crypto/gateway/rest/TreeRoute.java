package zvt.crypto.gateway.rest;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

/** A route with a small answer, built as a Jackson tree and then written. */
abstract class TreeRoute implements RestRoute
{
    public final void write(final RestRequest request, final JsonGenerator body) throws RestException, IOException
    {
        body.writeTree(handle(request));
    }

    /** @return the response body. */
    abstract JsonNode handle(RestRequest request) throws RestException;
}
