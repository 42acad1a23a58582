package zvt.crypto.ops.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.gateway.auth.ApiKeys;
import zvt.crypto.gateway.auth.AuthContext;
import zvt.crypto.ops.config.NodeConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayAuthConfigTest
{
    private static final String SECRET = "an-hs256-secret-from-the-environment-0123456789";

    @Test
    void shouldBeOnByDefaultAndRefuseToStartWithoutACredential()
    {
        final NodeConfig config = NodeConfig.defaults(Map.of());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> GatewayAuthConfig.of(config, Map.of()));
        assertTrue(ex.getMessage().contains(GatewayAuthConfig.API_KEYS_ENV), ex.getMessage());
        assertFalse(GatewayAuthConfig.of(config.with("gateway.auth.enabled", "false"), Map.of()).enabled());
    }

    @Test
    void shouldTakeSecretsFromTheEnvironmentAndLimitsFromTheConfig()
    {
        final NodeConfig config = NodeConfig.defaults(Map.of(
            "ZVT_GATEWAY_AUTH_ALLOWED_ORIGINS", "https://a.example, https://b.example",
            "ZVT_GATEWAY_AUTH_MAX_CONNECTIONS_PER_KEY", "3"));
        final AuthContext auth = GatewayAuthConfig.of(config, Map.of(
            GatewayAuthConfig.API_KEYS_ENV, "alice:" + ApiKeys.sha256Hex("k1") + ",bob:" + ApiKeys.sha256Hex("k2"),
            GatewayAuthConfig.HS256_SECRET_ENV, SECRET));

        assertTrue(auth.enabled());
        assertEquals(2, auth.apiKeys().size());
        assertEquals("zvt-crypto", auth.jwtAudience());
        assertEquals(30_000, auth.clockSkewMs());
        assertEquals(List.of("https://a.example", "https://b.example"), auth.allowedOrigins());
        assertEquals(3, auth.maxConnectionsPerKey());
        assertEquals(20, auth.restRequestsPerSecond());
        assertFalse(auth.toString().contains(SECRET), auth.toString());
    }

    @Test
    void shouldReadTheKeyFileAndRefuseAMalformedOneWithoutQuotingIt(@TempDir final Path dir) throws Exception
    {
        final Path keys = dir.resolve("keys");
        Files.writeString(keys, "# clients\ncarol:" + ApiKeys.sha256Hex("k3") + ":rest\n");
        final NodeConfig config = NodeConfig.defaults(Map.of()).with("gateway.auth.api.keys.file", keys.toString());
        assertEquals(1, GatewayAuthConfig.of(config, Map.of()).apiKeys().size());

        Files.writeString(keys, "carol:" + ApiKeys.sha256Hex("k3").substring(2) + "\n");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> GatewayAuthConfig.of(config, Map.of()));
        assertTrue(ex.getMessage().startsWith(keys + " entry 1: "), ex.getMessage());
        assertFalse(ex.getMessage().contains(ApiKeys.sha256Hex("k3").substring(2, 30)), ex.getMessage());
    }
}
