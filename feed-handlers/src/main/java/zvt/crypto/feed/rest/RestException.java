package zvt.crypto.feed.rest;

import java.io.IOException;

/**
 * A request that failed for good: retries exhausted on a retryable status or I/O error, or a status the caller
 * refused. Carries the last response when there was one.
 */
public final class RestException extends IOException
{
    private final transient RestResponse response;

    public RestException(final String message, final RestResponse response)
    {
        super(message);
        this.response = response;
    }

    public RestException(final String message, final Throwable cause)
    {
        super(message, cause);
        this.response = null;
    }

    /** The last response received, or null when the last attempt failed without one (I/O error, timeout). */
    public RestResponse response()
    {
        return response;
    }

    /** The status of the last response, or -1 when there was none. */
    public int status()
    {
        return response == null ? -1 : response.status();
    }
}
