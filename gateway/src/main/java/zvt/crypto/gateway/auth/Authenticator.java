package zvt.crypto.gateway.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.agrona.concurrent.EpochClock;

import java.util.List;

/**
 * Finds and verifies a request's credential:
 * <ul>
 *   <li>{@code X-API-Key: <key>}: an API key;</li>
 *   <li>{@code Authorization: Bearer <jwt>}: a signed token;</li>
 *   <li>on the WebSocket upgrade only, if enabled, {@code ?access_token=}: a token if it has the JWT's dots, else an
 *       API key (keys never contain a dot).</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class Authenticator
{
    static final String API_KEY_HEADER = "X-API-Key";
    static final String ACCESS_TOKEN_PARAM = "access_token";
    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;
    private final JwtVerifier jwt;
    private final EpochClock clock;
    private final boolean queryTokenEnabled;

    Authenticator(final AuthContext context)
    {
        this.apiKeys = context.apiKeys();
        this.jwt = context.jwtVerifier();
        this.clock = context.epochClock();
        this.queryTokenEnabled = context.queryTokenEnabled();
    }

    /**
     * @param webSocketUri the upgrade request's URI, whose query may carry the credential; null for REST.
     */
    Principal authenticate(final HttpHeaders headers, final QueryStringDecoder webSocketUri) throws AuthException
    {
        final String apiKey = headers.get(API_KEY_HEADER);
        if (apiKey != null)
        {
            return apiKey(apiKey);
        }
        final String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null)
        {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
            {
                throw new AuthException(AuthRefusal.UNSUPPORTED_SCHEME);
            }
            return token(authorization.substring(BEARER.length()).trim());
        }
        if (webSocketUri != null && queryTokenEnabled)
        {
            final List<String> values = webSocketUri.parameters().get(ACCESS_TOKEN_PARAM);
            if (values != null && !values.isEmpty())
            {
                final String credential = values.getFirst();
                return credential.indexOf('.') >= 0 ? token(credential) : apiKey(credential);
            }
        }
        throw new AuthException(AuthRefusal.MISSING_CREDENTIALS);
    }

    private Principal apiKey(final String key) throws AuthException
    {
        final Principal principal = apiKeys.match(key);
        if (principal == null)
        {
            throw new AuthException(AuthRefusal.INVALID_API_KEY);
        }
        return principal;
    }

    private Principal token(final String token) throws AuthException
    {
        if (!jwt.enabled())
        {
            throw new AuthException(AuthRefusal.TOKEN_ALGORITHM_REFUSED);
        }
        return jwt.verify(token, clock.time());
    }
}
