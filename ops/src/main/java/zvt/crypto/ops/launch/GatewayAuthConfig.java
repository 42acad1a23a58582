package zvt.crypto.ops.launch;

import zvt.crypto.gateway.auth.ApiKeys;
import zvt.crypto.gateway.auth.AuthContext;
import zvt.crypto.ops.config.NodeConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The gateway's {@link AuthContext} from {@code gateway.auth.*} (documented in
 * {@code ops/config/zvt-crypto.properties}). Secrets never come from the config file: the API key hashes come from
 * {@code ZVT_GATEWAY_AUTH_API_KEYS} (entries comma-separated) or the file {@code gateway.auth.api.keys.file} names,
 * the HS256 secret from {@code ZVT_GATEWAY_AUTH_JWT_HS256_SECRET} or {@code gateway.auth.jwt.hs256.secret.file};
 * the environment wins. Errors name the key or variable, never its value.
 */
final class GatewayAuthConfig
{
    static final String API_KEYS_ENV = "ZVT_GATEWAY_AUTH_API_KEYS";
    static final String HS256_SECRET_ENV = "ZVT_GATEWAY_AUTH_JWT_HS256_SECRET";

    private GatewayAuthConfig()
    {
    }

    static AuthContext of(final NodeConfig config, final Map<String, String> env)
    {
        final AuthContext auth = new AuthContext()
            .enabled(bool(config, "gateway.auth.enabled"))
            .allowedOrigins(optional(config, "gateway.auth.allowed.origins") == null ?
                List.of() : config.getList("gateway.auth.allowed.origins"))
            .queryTokenEnabled(bool(config, "gateway.auth.query.token"))
            .jwtAudience(optional(config, "gateway.auth.jwt.audience"))
            .jwtIssuer(optional(config, "gateway.auth.jwt.issuer"))
            .clockSkewMs(config.getInt("gateway.auth.jwt.clock.skew.seconds") * 1000L)
            .restRate(config.getInt("gateway.auth.rest.requests.per.second"), config.getInt("gateway.auth.rest.burst"))
            .subscribeRate(
                config.getInt("gateway.auth.subscribes.per.second"), config.getInt("gateway.auth.subscribe.burst"))
            .maxConnectionsPerKey(config.getInt("gateway.auth.max.connections.per.key"));
        if (!auth.enabled())
        {
            return auth;
        }
        final String keysEnv = env.get(API_KEYS_ENV);
        final String keysFile = optional(config, "gateway.auth.api.keys.file");
        final String publicKey = optional(config, "gateway.auth.jwt.rs256.public.key.file");
        final String secret;
        try
        {
            if (keysEnv != null && !keysEnv.isBlank())
            {
                auth.apiKeys(ApiKeys.parseList(keysEnv, API_KEYS_ENV));
            }
            else if (keysFile != null)
            {
                auth.apiKeys(ApiKeys.read(Path.of(keysFile)));
            }
            secret = secret(env.get(HS256_SECRET_ENV), optional(config, "gateway.auth.jwt.hs256.secret.file"));
            if (secret != null)
            {
                auth.hs256Secret(secret.getBytes(StandardCharsets.UTF_8));
            }
            if (publicKey != null)
            {
                auth.rs256PublicKey(AuthContext.readRsaPublicKey(Path.of(publicKey)));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read a gateway.auth file: " + ex.getMessage(), ex);
        }
        if (auth.apiKeys().size() == 0 && secret == null && publicKey == null)
        {
            throw new IllegalArgumentException("gateway.auth.enabled is true but no credential is configured: set " +
                API_KEYS_ENV + " or gateway.auth.api.keys.file (entries from 'zvt-crypto hash-key'), or a JWT key (" +
                HS256_SECRET_ENV + ", gateway.auth.jwt.hs256.secret.file or gateway.auth.jwt.rs256.public.key.file);" +
                " or gateway.auth.enabled=false on a closed network");
        }
        return auth.conclude();
    }

    private static String secret(final String fromEnv, final String file) throws IOException
    {
        if (fromEnv != null && !fromEnv.isBlank())
        {
            return fromEnv;
        }
        return file == null ? null : Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    }

    private static String optional(final NodeConfig config, final String key)
    {
        final String value = config.asMap().getOrDefault(key, "").trim();
        return value.isEmpty() ? null : value;
    }

    private static boolean bool(final NodeConfig config, final String key)
    {
        final String value = config.get(key);
        if (!"true".equals(value) && !"false".equals(value))
        {
            throw new IllegalArgumentException("config key " + key + " must be true or false: " + value);
        }
        return Boolean.parseBoolean(value);
    }
}
