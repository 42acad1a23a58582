package zvt.crypto.gateway.auth;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Locale;

/**
 * Why a WebSocket handshake or a REST request was refused before it reached the gateway's logic. The client sees
 * {@link #status()} and {@code {"error":"<reason>","status":<code>}}; each kind is counted in
 * {@link zvt.crypto.gateway.GatewayCounters} and logged once. No reason ever carries the credential.
 */
public enum AuthRefusal
{
    MISSING_CREDENTIALS(HttpResponseStatus.UNAUTHORIZED,
        "missing credentials: send Authorization: Bearer <token> or X-API-Key: <key>"),
    UNSUPPORTED_SCHEME(HttpResponseStatus.UNAUTHORIZED, "unsupported Authorization scheme: use Bearer <token>"),
    INVALID_API_KEY(HttpResponseStatus.UNAUTHORIZED, "invalid API key"),
    MALFORMED_TOKEN(HttpResponseStatus.UNAUTHORIZED, "malformed token: expected a signed JWT"),
    TOKEN_ALGORITHM_REFUSED(HttpResponseStatus.UNAUTHORIZED, "token algorithm not accepted"),
    TOKEN_SIGNATURE_INVALID(HttpResponseStatus.UNAUTHORIZED, "token signature does not verify"),
    TOKEN_CLAIM_MISSING(HttpResponseStatus.UNAUTHORIZED, "token lacks a required claim (exp and sub are required)"),
    TOKEN_EXPIRED(HttpResponseStatus.UNAUTHORIZED, "token expired"),
    TOKEN_NOT_YET_VALID(HttpResponseStatus.UNAUTHORIZED, "token not valid yet (nbf)"),
    TOKEN_AUDIENCE_REFUSED(HttpResponseStatus.UNAUTHORIZED, "token audience does not name this gateway"),
    TOKEN_ISSUER_REFUSED(HttpResponseStatus.UNAUTHORIZED, "token issuer not accepted"),
    ORIGIN_NOT_ALLOWED(HttpResponseStatus.FORBIDDEN, "origin not allowed"),
    NOT_PERMITTED(HttpResponseStatus.FORBIDDEN, "this credential is not permitted to use this interface"),
    RATE_LIMITED(HttpResponseStatus.TOO_MANY_REQUESTS, "rate limit exceeded: too many requests for this key"),
    TOO_MANY_CONNECTIONS(HttpResponseStatus.TOO_MANY_REQUESTS,
        "too many WebSocket connections for this key: close one first");

    private final HttpResponseStatus status;
    private final String code;
    private final String reason;

    AuthRefusal(final HttpResponseStatus status, final String reason)
    {
        this.status = status;
        this.code = name().toLowerCase(Locale.ROOT);
        this.reason = reason;
    }

    public HttpResponseStatus status()
    {
        return status;
    }

    /** Stable machine-readable name, e.g. {@code token_expired}, for logs and counters. */
    public String code()
    {
        return code;
    }

    /** What the client is told. */
    public String reason()
    {
        return reason;
    }
}
