package zvt.crypto.gateway.rest;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * One GET route of the REST API. Its {@link #template()} is the path as openapi.json spells it; {@code RestApiTest}
 * checks that the document and the routes name the same paths.
 */
interface RestRoute
{
    /** e.g. {@code /api/v1/crypto/trades/{venue}/{symbol}}. */
    String template();

    /** True if it reads the database: it then runs on the API's query threads, never on an event loop. */
    boolean blocking();

    /**
     * Writes the response body, sent with 200. A route that throws has whatever it wrote discarded, so it may stream
     * its answer while it reads it.
     */
    void write(RestRequest request, JsonGenerator body) throws RestException, IOException;
}
