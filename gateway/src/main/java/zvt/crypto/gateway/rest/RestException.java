package zvt.crypto.gateway.rest;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the API refuses or cannot answer: the status and a message the client can act on, sent as
 * {@code {"error":"...","status":400}}. Never carries a secret or a stack trace.
 */
final class RestException extends Exception
{
    private final HttpResponseStatus status;

    RestException(final HttpResponseStatus status, final String message)
    {
        super(message, null, false, false);
        this.status = status;
    }

    static RestException badRequest(final String message)
    {
        return new RestException(HttpResponseStatus.BAD_REQUEST, message);
    }

    HttpResponseStatus status()
    {
        return status;
    }
}
