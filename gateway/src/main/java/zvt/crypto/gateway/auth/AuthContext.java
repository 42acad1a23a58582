package zvt.crypto.gateway.auth;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Who may use the gateway and how much: credentials (API keys, JWT keys), the Origin allow-list, and per-key limits.
 * Off by default (a library user or a test opts in); the node turns it on from {@code gateway.auth.*}. The Origin
 * allow-list applies either way; its default, {@code *}, allows any origin.
 * <p>
 * Not thread-safe: configure on one thread, {@link #conclude()}, then share read-only.
 */
public final class AuthContext
{
    /** In {@link #allowedOrigins}: any origin. */
    public static final String ANY_ORIGIN = "*";

    private boolean enabled;
    private ApiKeys apiKeys = ApiKeys.none();
    private byte[] hs256Secret;
    private RSAPublicKey rs256PublicKey;
    private String jwtAudience;
    private String jwtIssuer;
    private long clockSkewMs = 30_000;
    private boolean queryTokenEnabled = true;
    private List<String> allowedOrigins = List.of(ANY_ORIGIN);
    private int restRequestsPerSecond = 20;
    private int restBurst = 40;
    private int subscribesPerSecond = 5;
    private int subscribeBurst = 300;
    private int maxConnectionsPerKey = 10;
    private EpochClock epochClock = SystemEpochClock.INSTANCE;
    private JwtVerifier jwtVerifier;

    /** Whether a credential is required (the Origin allow-list applies either way). */
    public AuthContext enabled(final boolean enabled)
    {
        this.enabled = enabled;
        return this;
    }

    public boolean enabled()
    {
        return enabled;
    }

    public AuthContext apiKeys(final ApiKeys apiKeys)
    {
        this.apiKeys = apiKeys;
        return this;
    }

    public ApiKeys apiKeys()
    {
        return apiKeys;
    }

    /** Shared secret for HS256 tokens, at least 32 bytes; null (the default) accepts no HS256 token. */
    public AuthContext hs256Secret(final byte[] hs256Secret)
    {
        this.hs256Secret = hs256Secret == null ? null : hs256Secret.clone();
        return this;
    }

    /** The token issuer's public key for RS256 tokens; null (the default) accepts no RS256 token. */
    public AuthContext rs256PublicKey(final RSAPublicKey rs256PublicKey)
    {
        this.rs256PublicKey = rs256PublicKey;
        return this;
    }

    /** The audience a token's {@code aud} must contain; required when a JWT key is set. */
    public AuthContext jwtAudience(final String jwtAudience)
    {
        this.jwtAudience = jwtAudience;
        return this;
    }

    public String jwtAudience()
    {
        return jwtAudience;
    }

    /** The only issuer ({@code iss}) accepted; null or blank (the default) accepts any. */
    public AuthContext jwtIssuer(final String jwtIssuer)
    {
        this.jwtIssuer = jwtIssuer == null || jwtIssuer.isBlank() ? null : jwtIssuer;
        return this;
    }

    /** How far the issuer's clock may be from ours when checking {@code exp} and {@code nbf}. */
    public AuthContext clockSkewMs(final long clockSkewMs)
    {
        this.clockSkewMs = clockSkewMs;
        return this;
    }

    public long clockSkewMs()
    {
        return clockSkewMs;
    }

    /**
     * Whether the WebSocket upgrade may carry its credential as {@code ?access_token=}, for browsers, which cannot
     * set headers on a WebSocket. URLs end up in proxy logs and browser history: prefer short-lived tokens there.
     */
    public AuthContext queryTokenEnabled(final boolean queryTokenEnabled)
    {
        this.queryTokenEnabled = queryTokenEnabled;
        return this;
    }

    public boolean queryTokenEnabled()
    {
        return queryTokenEnabled;
    }

    /**
     * Origins (e.g. {@code https://app.example.com}) whose pages may open a WebSocket or call the REST API;
     * {@link #ANY_ORIGIN} allows any. A request without an Origin header (not from a browser) is never refused for
     * it; an empty list refuses every request that has one.
     */
    public AuthContext allowedOrigins(final List<String> allowedOrigins)
    {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        return this;
    }

    public List<String> allowedOrigins()
    {
        return allowedOrigins;
    }

    /** Per key: REST requests refilled per second, and the burst a full bucket allows. */
    public AuthContext restRate(final int perSecond, final int burst)
    {
        this.restRequestsPerSecond = perSecond;
        this.restBurst = burst;
        return this;
    }

    public int restRequestsPerSecond()
    {
        return restRequestsPerSecond;
    }

    public int restBurst()
    {
        return restBurst;
    }

    /** Per key, over all its sessions: subscribe requests refilled per second, and the burst a full bucket allows. */
    public AuthContext subscribeRate(final int perSecond, final int burst)
    {
        this.subscribesPerSecond = perSecond;
        this.subscribeBurst = burst;
        return this;
    }

    public int subscribesPerSecond()
    {
        return subscribesPerSecond;
    }

    public int subscribeBurst()
    {
        return subscribeBurst;
    }

    /** WebSocket sessions one key may hold open at once. */
    public AuthContext maxConnectionsPerKey(final int maxConnectionsPerKey)
    {
        this.maxConnectionsPerKey = maxConnectionsPerKey;
        return this;
    }

    public int maxConnectionsPerKey()
    {
        return maxConnectionsPerKey;
    }

    /** Wall clock for token expiry; injectable for tests. */
    public AuthContext epochClock(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    public EpochClock epochClock()
    {
        return epochClock;
    }

    JwtVerifier jwtVerifier()
    {
        return jwtVerifier;
    }

    /**
     * Validates once. Enabled with no credential configured is an error: the gateway would refuse everyone.
     *
     * @throws IllegalArgumentException naming the first invalid setting (never a secret).
     */
    public AuthContext conclude()
    {
        final boolean jwtKeys = hs256Secret != null || rs256PublicKey != null;
        if (jwtKeys && (jwtAudience == null || jwtAudience.isBlank()))
        {
            throw new IllegalArgumentException("auth: a JWT key is configured but no audience to check tokens for");
        }
        jwtVerifier = new JwtVerifier(hs256Secret, rs256PublicKey, jwtAudience, jwtIssuer, clockSkewMs);
        if (enabled && apiKeys.size() == 0 && !jwtKeys)
        {
            throw new IllegalArgumentException("auth is enabled but no API key and no JWT key is configured");
        }
        if (clockSkewMs < 0)
        {
            throw new IllegalArgumentException("auth: clockSkewMs must not be negative: " + clockSkewMs);
        }
        requirePositive("restRequestsPerSecond", restRequestsPerSecond);
        requirePositive("restBurst", restBurst);
        requirePositive("subscribesPerSecond", subscribesPerSecond);
        requirePositive("subscribeBurst", subscribeBurst);
        requirePositive("maxConnectionsPerKey", maxConnectionsPerKey);
        return this;
    }

    /**
     * Reads an RSA public key from a PEM file ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo, as
     * {@code openssl rsa -pubout} writes it).
     *
     * @throws IllegalArgumentException if the file holds no RSA public key of at least 2048 bits.
     */
    public static RSAPublicKey readRsaPublicKey(final Path pem) throws IOException
    {
        final String text = Files.readString(pem, StandardCharsets.US_ASCII);
        final int begin = text.indexOf("-----BEGIN PUBLIC KEY-----");
        final int end = text.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin)
        {
            throw new IllegalArgumentException(pem + ": expected a PEM '-----BEGIN PUBLIC KEY-----' block");
        }
        final RSAPublicKey key;
        try
        {
            final byte[] der = Base64.getMimeDecoder().decode(
                text.substring(begin + "-----BEGIN PUBLIC KEY-----".length(), end));
            key = (RSAPublicKey)KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        }
        catch (final GeneralSecurityException | IllegalArgumentException | ClassCastException ex)
        {
            throw new IllegalArgumentException(pem + ": not an RSA public key in PEM", ex);
        }
        if (key.getModulus().bitLength() < 2048)
        {
            throw new IllegalArgumentException(pem + ": RSA keys shorter than 2048 bits are refused");
        }
        return key;
    }

    private static void requirePositive(final String name, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException("auth: " + name + " must be positive: " + value);
        }
    }

    public String toString()
    {
        return "AuthContext{enabled=" + enabled + ", apiKeys=" + apiKeys.size() +
            ", hs256=" + (hs256Secret != null) + ", rs256=" + (rs256PublicKey != null) +
            ", jwtAudience=" + jwtAudience + ", jwtIssuer=" + jwtIssuer + ", clockSkewMs=" + clockSkewMs +
            ", queryTokenEnabled=" + queryTokenEnabled + ", allowedOrigins=" + allowedOrigins +
            ", rest=" + restRequestsPerSecond + "/s burst " + restBurst +
            ", subscribe=" + subscribesPerSecond + "/s burst " + subscribeBurst +
            ", maxConnectionsPerKey=" + maxConnectionsPerKey + '}';
    }
}
