package zvt.crypto.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;

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

    /** @return the response body, sent with 200. */
    JsonNode handle(RestRequest request) throws RestException;
}
