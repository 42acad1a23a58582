package zvt.crypto.feed.rest;

import io.netty.handler.codec.http.HttpHeaders;

import java.nio.charset.StandardCharsets;

/**
 * A complete HTTP response: status code, headers and the (decompressed) body bytes. Immutable and thread-safe once
 * handed out (the client copies the body out of Netty's buffers and never touches it again).
 *
 * @param status  HTTP status code.
 * @param headers response headers, case-insensitive names.
 * @param body    the whole body; empty, never null.
 */
public record RestResponse(int status, HttpHeaders headers, byte[] body)
{
    public boolean isSuccess()
    {
        return status >= 200 && status < 300;
    }

    /** @return the first value of the header, or null. */
    public String header(final String name)
    {
        return headers.get(name);
    }

    public String bodyAsString()
    {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @param nowEpochMs the current wall-clock time, to turn an HTTP-date into a delay.
     * @return the {@code Retry-After} delay in milliseconds, or -1 when absent or unreadable.
     */
    public long retryAfterMs(final long nowEpochMs)
    {
        return RetryAfter.parseMs(headers.get("Retry-After"), nowEpochMs);
    }

    /**
     * @return this response if its status is 2xx.
     * @throws RestException carrying this response otherwise.
     */
    public RestResponse requireSuccess(final String what) throws RestException
    {
        if (!isSuccess())
        {
            throw new RestException(what + " answered HTTP " + status + ": " + abbreviatedBody(), this);
        }
        return this;
    }

    /** The start of the body as text, for error messages. */
    public String abbreviatedBody()
    {
        final int length = Math.min(body.length, 200);
        return new String(body, 0, length, StandardCharsets.UTF_8) + (length < body.length ? "…" : "");
    }

    public String toString()
    {
        return "RestResponse{status=" + status + ", bytes=" + body.length + '}';
    }
}
