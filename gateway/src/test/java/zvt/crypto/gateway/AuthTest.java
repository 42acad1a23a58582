package zvt.crypto.gateway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.test.Tests;
import zvt.crypto.gateway.auth.ApiKeys;
import zvt.crypto.gateway.auth.AuthContext;
import zvt.crypto.gateway.auth.AuthRefusal;
import zvt.crypto.gateway.rest.RestApi;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static zvt.crypto.gateway.GatewayHarness.subscribe;

/**
 * Authentication and per-key limits on real sockets: API keys and JWTs on the WebSocket handshake and on REST, the
 * Origin allow-list, 401/403/429 with JSON reasons, per-key REST and subscribe buckets, the per-key session cap, and
 * no secret in any log line.
 */
class AuthTest
{
    private static final String INSTRUMENTS = RestApi.PREFIX + "/instruments";
    private static final String ALICE_KEY = "alice-0f8Q2mZr7LwT4kX9vB1nC6yH3pJ5sD8e";
    private static final String BOB_KEY = "bob-7Yt2Lq9Wm4Xc1Vb8Nz3Kr6Hp0Gd5Sf2Ja";
    private static final String WS_ONLY_KEY = "watcher-4Rk8Tn1Qm6Zp3Xv9Lc2Wb7Hy5Jd0Gf";
    private static final String REST_ONLY_KEY = "reporter-9Hc3Vn6Lq1Zm8Rp4Xt7Wk2Jb5Gy0Df";
    /** 48 bytes: long enough that the test can also sign HS384 with it. */
    private static final byte[] SECRET =
        "test-hs256-secret-48-bytes-long-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final String AUDIENCE = "zvt-crypto-test";
    private static final String ALLOWED_ORIGIN = "https://app.example.com";

    private final ManualNanoClock clock = new ManualNanoClock();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<TestClient> clients = new ArrayList<>();
    private final List<String> secretsUsed = new ArrayList<>();
    private GatewayHarness harness;

    @BeforeEach
    void captureLogs()
    {
        logs.start();
        rootLogger().addAppender(logs);
    }

    @AfterEach
    void close()
    {
        clients.forEach(TestClient::close);
        if (harness != null)
        {
            harness.close();
        }
        rootLogger().detachAppender(logs);
        for (final ILoggingEvent event : logs.list)
        {
            final String line = event.getFormattedMessage() +
                (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            for (final String secret : secretsUsed)
            {
                assertFalse(line.contains(secret), "a log line holds a secret: " + line);
            }
        }
    }

    @Test
    void shouldAdmitAValidApiKeyOnBothInterfacesAndRefuseMissingOrWrongOnesWith401()
    {
        start(keys());

        final HttpResponse<String> ok = rest(INSTRUMENTS, Map.of("X-API-Key", ALICE_KEY));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(3, TestClient.parse(ok.body()).path("instruments").size());
        final TestClient session = connect("", Map.of("X-API-Key", ALICE_KEY));
        assertEquals("subscribed", session.request(subscribe("BINANCE", "BTC-USDT")).path("type").asText());

        assertRefused(rest(INSTRUMENTS, Map.of()), AuthRefusal.MISSING_CREDENTIALS);
        assertEquals("Bearer realm=\"zvt-crypto\"",
            rest(INSTRUMENTS, Map.of()).headers().firstValue("www-authenticate").orElse(""));
        assertRefused(rest(INSTRUMENTS, Map.of("X-API-Key", ALICE_KEY + "x")), AuthRefusal.INVALID_API_KEY);
        assertRefused(rest(INSTRUMENTS, Map.of("Authorization", "Basic YWxpY2U6cHc=")),
            AuthRefusal.UNSUPPORTED_SCHEME);
        assertRefused(rest(RestApi.PREFIX + "/no-such-route", Map.of()), AuthRefusal.MISSING_CREDENTIALS);
        assertEquals(401, handshakeStatus("", Map.of()));
        assertEquals(401, handshakeStatus("", Map.of("X-API-Key", BOB_KEY + "x")));
        assertEquals(4, harness.counters().authRefusals(AuthRefusal.MISSING_CREDENTIALS), "counted per kind");
        assertEquals(2, harness.counters().authRefusals(AuthRefusal.INVALID_API_KEY));

        assertEquals(200, rest("/health", Map.of()).statusCode(), "probes need no credential");
        assertEquals(200, rest(RestApi.PREFIX + "/ready", Map.of()).statusCode());
        assertEquals(200, rest(RestApi.PREFIX + "/openapi.json", Map.of()).statusCode());
    }

    @Test
    void shouldAskForACredentialExactlyWhereTheOpenApiDocumentSays()
    {
        start(keys());
        final JsonNode document = TestClient.parse(rest(RestApi.PREFIX + "/openapi.json", Map.of()).body());
        assertEquals(2, document.path("security").size(), "API key or bearer token by default");
        document.path("paths").fields().forEachRemaining(path ->
        {
            final JsonNode get = path.getValue().path("get");
            final boolean open = get.has("security") && get.path("security").isEmpty();
            final String concrete = path.getKey().replace("{venue}", "BINANCE").replace("{symbol}", "BTC-USDT");
            final int status = rest(concrete, Map.of()).statusCode();
            assertEquals(open, status != 401, concrete + " answered " + status);
            assertEquals(!open, get.path("responses").has("401"), path.getKey() + " documents its 401");
        });
    }

    @Test
    void shouldAcceptTheCredentialAsAQueryParameterOnTheUpgradeOnly()
    {
        start(keys().jwtAudience(AUDIENCE).hs256Secret(SECRET));
        final String token = hs256(claims("carol", AUDIENCE, 60));

        assertEquals(101, handshakeStatus("?access_token=" + token, Map.of()));
        assertEquals(101, handshakeStatus("?access_token=" + ALICE_KEY, Map.of()));
        assertEquals(401, handshakeStatus("?access_token=" + BOB_KEY + "x", Map.of()));
        assertRefused(rest(INSTRUMENTS + "?access_token=" + ALICE_KEY, Map.of()), AuthRefusal.MISSING_CREDENTIALS);
    }

    @Test
    void shouldRefuseTheQueryParameterWhenDisabled()
    {
        start(keys().queryTokenEnabled(false));
        assertEquals(401, handshakeStatus("?access_token=" + ALICE_KEY, Map.of()));
        assertEquals(101, handshakeStatus("", Map.of("X-API-Key", ALICE_KEY)));
    }

    @Test
    void shouldVerifyHs256TokensForSignatureExpiryAudienceAndAlgorithm() throws Exception
    {
        start(keys().jwtAudience(AUDIENCE).jwtIssuer("https://issuer.example").hs256Secret(SECRET));
        final JWTClaimsSet valid = new JWTClaimsSet.Builder(claims("carol", AUDIENCE, 60))
            .issuer("https://issuer.example").build();

        assertEquals(200, rest(INSTRUMENTS, bearer(hs256(valid))).statusCode());
        assertEquals(101, handshakeStatus("", bearer(hs256(valid))));

        assertRefused(rest(INSTRUMENTS, bearer(hs256(withIssuer(claims("carol", AUDIENCE, -120))))),
            AuthRefusal.TOKEN_EXPIRED);
        assertEquals(200, rest(INSTRUMENTS, bearer(hs256(withIssuer(claims("carol", AUDIENCE, -10))))).statusCode(),
            "expired 10 s ago is within the 30 s clock skew");
        assertRefused(rest(INSTRUMENTS, bearer(hs256(new JWTClaimsSet.Builder(valid)
            .notBeforeTime(new Date(System.currentTimeMillis() + 120_000)).build()))),
            AuthRefusal.TOKEN_NOT_YET_VALID);
        assertRefused(rest(INSTRUMENTS, bearer(hs256(withIssuer(claims("carol", "another-service", 60))))),
            AuthRefusal.TOKEN_AUDIENCE_REFUSED);
        assertRefused(rest(INSTRUMENTS, bearer(hs256(claims("carol", AUDIENCE, 60)))),
            AuthRefusal.TOKEN_ISSUER_REFUSED);
        assertRefused(rest(INSTRUMENTS, bearer(hs256(new JWTClaimsSet.Builder(valid).expirationTime(null).build()))),
            AuthRefusal.TOKEN_CLAIM_MISSING);

        final String unsecured = new PlainJWT(valid).serialize();
        assertRefused(rest(INSTRUMENTS, bearer(unsecured)), AuthRefusal.TOKEN_ALGORITHM_REFUSED);
        assertRefused(rest(INSTRUMENTS, bearer(sign(JWSAlgorithm.HS384, new MACSigner(SECRET), valid))),
            AuthRefusal.TOKEN_ALGORITHM_REFUSED);

        final String[] parts = hs256(valid).split("\\.");
        final String mallory = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(
            Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("carol", "mallory")
            .getBytes(StandardCharsets.UTF_8));
        assertRefused(rest(INSTRUMENTS, bearer(parts[0] + "." + mallory + "." + parts[2])),
            AuthRefusal.TOKEN_SIGNATURE_INVALID);
        assertRefused(rest(INSTRUMENTS, bearer(sign(JWSAlgorithm.HS256,
            new MACSigner("another-secret-also-at-least-32-bytes!!"), valid))), AuthRefusal.TOKEN_SIGNATURE_INVALID);
        assertRefused(rest(INSTRUMENTS, bearer("not.a.jwt")), AuthRefusal.MALFORMED_TOKEN);
        assertEquals(401, handshakeStatus("", bearer(unsecured)));
    }

    @Test
    void shouldVerifyRs256TokensWithTheConfiguredPublicKeyOnly(@TempDir final Path dir) throws Exception
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        final KeyPair issuer = generator.generateKeyPair();
        final KeyPair stranger = generator.generateKeyPair();
        final Path pem = dir.resolve("issuer.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" +
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(issuer.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        start(new AuthContext().enabled(true).jwtAudience(AUDIENCE).rs256PublicKey(AuthContext.readRsaPublicKey(pem)));
        final JWTClaimsSet claims = claims("dave", AUDIENCE, 60);

        final String valid = sign(JWSAlgorithm.RS256, new RSASSASigner(issuer.getPrivate()), claims);
        assertEquals(200, rest(INSTRUMENTS, bearer(valid)).statusCode());
        assertEquals(101, handshakeStatus("", bearer(valid)));
        assertRefused(rest(INSTRUMENTS, bearer(sign(JWSAlgorithm.RS256, new RSASSASigner(stranger.getPrivate()),
            claims))), AuthRefusal.TOKEN_SIGNATURE_INVALID);
        // The classic confusion: HS256 "signed" with the public key as the secret. Only RS256 is configured.
        assertRefused(rest(INSTRUMENTS, bearer(sign(JWSAlgorithm.HS256,
            new MACSigner(issuer.getPublic().getEncoded()), claims))), AuthRefusal.TOKEN_ALGORITHM_REFUSED);
        assertRefused(rest(INSTRUMENTS, Map.of("X-API-Key", ALICE_KEY)), AuthRefusal.INVALID_API_KEY);
    }

    @Test
    void shouldRefuseOriginsOutsideTheAllowList()
    {
        start(keys().allowedOrigins(List.of(ALLOWED_ORIGIN)));
        final Map<String, String> key = Map.of("X-API-Key", ALICE_KEY);

        assertEquals(403, handshakeStatus("", Map.of("X-API-Key", ALICE_KEY, "Origin", "https://evil.example")));
        assertEquals(101, handshakeStatus("", Map.of("X-API-Key", ALICE_KEY, "Origin", ALLOWED_ORIGIN)));
        assertEquals(101, handshakeStatus("", key), "no Origin: not a browser");
        assertRefused(rest(INSTRUMENTS, Map.of("X-API-Key", ALICE_KEY, "Origin", "https://evil.example")),
            AuthRefusal.ORIGIN_NOT_ALLOWED);
        assertEquals(200, rest(INSTRUMENTS, Map.of("X-API-Key", ALICE_KEY, "Origin", ALLOWED_ORIGIN)).statusCode());
        assertEquals(2, harness.counters().authRefusals(AuthRefusal.ORIGIN_NOT_ALLOWED));
    }

    @Test
    void shouldCheckTheOriginEvenWithAuthOff()
    {
        start(new AuthContext().allowedOrigins(List.of(ALLOWED_ORIGIN)));
        assertEquals(403, handshakeStatus("", Map.of("Origin", "https://evil.example")));
        assertEquals(101, handshakeStatus("", Map.of()));
        assertEquals(200, rest(INSTRUMENTS, Map.of()).statusCode());
    }

    @Test
    void shouldRefuseACredentialOnTheInterfaceItIsNotPermitted() throws Exception
    {
        start(keys().jwtAudience(AUDIENCE).hs256Secret(SECRET));
        assertRefused(rest(INSTRUMENTS, Map.of("X-API-Key", WS_ONLY_KEY)), AuthRefusal.NOT_PERMITTED);
        assertEquals(101, handshakeStatus("", Map.of("X-API-Key", WS_ONLY_KEY)));
        assertEquals(403, handshakeStatus("", Map.of("X-API-Key", REST_ONLY_KEY)));
        assertEquals(200, rest(INSTRUMENTS, Map.of("X-API-Key", REST_ONLY_KEY)).statusCode());

        final JWTClaimsSet restScope = new JWTClaimsSet.Builder(claims("erin", AUDIENCE, 60))
            .claim("scope", "openid rest").build();
        assertEquals(403, handshakeStatus("", bearer(hs256(restScope))));
        assertEquals(200, rest(INSTRUMENTS, bearer(hs256(restScope))).statusCode());
    }

    @Test
    void shouldRateLimitRestPerKeyWithRetryAfter()
    {
        start(keys().restRate(1, 2));
        final Map<String, String> alice = Map.of("X-API-Key", ALICE_KEY);
        assertEquals(200, rest(INSTRUMENTS, alice).statusCode());
        assertEquals(200, rest(INSTRUMENTS, alice).statusCode());

        final HttpResponse<String> limited = rest(INSTRUMENTS, alice);
        assertRefused(limited, AuthRefusal.RATE_LIMITED);
        assertEquals("1", limited.headers().firstValue("retry-after").orElse(""));
        assertEquals(200, rest(INSTRUMENTS, Map.of("X-API-Key", BOB_KEY)).statusCode(), "another key, another bucket");
        assertEquals(200, rest("/health", alice).statusCode(), "probes are not counted");

        clock.advance(TimeUnit.SECONDS.toNanos(1));
        assertEquals(200, rest(INSTRUMENTS, alice).statusCode(), "one token back after a second");
        assertEquals(429, rest(INSTRUMENTS, alice).statusCode());
    }

    @Test
    void shouldCapTheSessionsOfAKeyAndCountDownOnClose()
    {
        start(keys().maxConnectionsPerKey(2));
        final TestClient first = connect("", Map.of("X-API-Key", ALICE_KEY));
        connect("", Map.of("X-API-Key", ALICE_KEY));
        assertEquals(429, handshakeStatus("", Map.of("X-API-Key", ALICE_KEY)));
        assertEquals(429, handshakeStatus("?access_token=" + ALICE_KEY, Map.of()), "however the key is sent");
        assertEquals(101, handshakeStatus("", Map.of("X-API-Key", BOB_KEY)));

        first.close();
        Tests.await(() -> handshakeStatus("", Map.of("X-API-Key", ALICE_KEY)) == 101, Duration.ofSeconds(10),
            () -> "a closed session must free its slot");
        assertTrue(harness.counters().authRefusals(AuthRefusal.TOO_MANY_CONNECTIONS) >= 2);
    }

    @Test
    void shouldRateLimitSubscribesPerKeyAcrossItsSessions()
    {
        start(keys().subscribeRate(1, 2));
        final TestClient one = connect("", Map.of("X-API-Key", ALICE_KEY));
        final TestClient two = connect("", Map.of("X-API-Key", ALICE_KEY));
        final TestClient other = connect("", Map.of("X-API-Key", BOB_KEY));

        assertEquals("subscribed", one.request(subscribe("BINANCE", "BTC-USDT")).path("type").asText());
        assertEquals("subscribed", two.request(subscribe("BINANCE", "ETH-USDT")).path("type").asText());
        final JsonNode limited = one.request(subscribe("OKX", "BTC-USDT"));
        assertEquals("error", limited.path("type").asText());
        assertEquals("rate_limited", limited.path("code").asText());
        assertTrue(limited.path("reason").asText().contains("for this key"), limited.toString());
        assertEquals("subscribed", other.request(subscribe("OKX", "BTC-USDT")).path("type").asText());
        assertEquals(1, harness.counters().rejectedRequests(Rejection.KEY_SUBSCRIBE_RATE_LIMITED));

        clock.advance(TimeUnit.SECONDS.toNanos(1));
        assertEquals("subscribed", two.request(subscribe("OKX", "BTC-USDT")).path("type").asText());
    }

    @Test
    void shouldLogEachKindOnceWithItsReasonAndNeverASecret() throws Exception
    {
        start(keys().jwtAudience(AUDIENCE).hs256Secret(SECRET));
        final String expired = hs256(claims("carol", AUDIENCE, -3600));
        secretsUsed.add(expired);
        for (int i = 0; i < 3; i++)
        {
            assertEquals(401, rest(INSTRUMENTS, Map.of("X-API-Key", ALICE_KEY + i)).statusCode());
            assertEquals(401, rest(INSTRUMENTS, bearer(expired)).statusCode());
            assertEquals(401, handshakeStatus("?access_token=" + BOB_KEY + i, Map.of()));
            secretsUsed.add(ALICE_KEY + i);
            secretsUsed.add(BOB_KEY + i);
        }
        final List<String> warnings = logs.list.stream()
            .filter(event -> event.getLoggerName().endsWith("AuthHandler"))
            .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("invalid_api_key (401 invalid API key)"), warnings.get(0));
        assertTrue(warnings.get(1).contains("token_expired (401 token expired)"), warnings.get(1));
        assertEquals(6, harness.counters().authRefusals(AuthRefusal.INVALID_API_KEY));
        assertEquals(3, harness.counters().authRefusals(AuthRefusal.TOKEN_EXPIRED));
    }

    @Test
    void shouldRefuseToStartWithAuthOnAndNoCredentialConfigured()
    {
        final IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> new AuthContext().enabled(true).conclude());
        assertEquals("auth is enabled but no API key and no JWT key is configured", ex.getMessage());
        final IllegalArgumentException shortSecret = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> new AuthContext().enabled(true).jwtAudience(AUDIENCE)
                .hs256Secret("too-short".getBytes(StandardCharsets.UTF_8)).conclude());
        assertFalse(shortSecret.getMessage().contains("too-short"), shortSecret.getMessage());
    }

    private void start(final AuthContext auth)
    {
        harness = new GatewayHarness(new GatewayContext().nanoClock(clock).auth(auth));
    }

    private AuthContext keys()
    {
        secretsUsed.addAll(List.of(ALICE_KEY, BOB_KEY, WS_ONLY_KEY, REST_ONLY_KEY, ApiKeys.sha256Hex(ALICE_KEY),
            new String(SECRET, StandardCharsets.UTF_8)));
        return new AuthContext().enabled(true).apiKeys(ApiKeys.parse(List.of(
            "alice:" + ApiKeys.sha256Hex(ALICE_KEY),
            "bob:" + ApiKeys.sha256Hex(BOB_KEY),
            "watcher:" + ApiKeys.sha256Hex(WS_ONLY_KEY) + ":ws",
            "reporter:" + ApiKeys.sha256Hex(REST_ONLY_KEY) + ":rest"), "test"));
    }

    private HttpResponse<String> rest(final String path, final Map<String, String> headers)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://" + harness.context.host() + ':' + harness.server.port() + path)).GET();
        headers.forEach(request::header);
        try
        {
            return harness.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final Exception ex)
        {
            return fail(ex);
        }
    }

    private TestClient connect(final String query, final Map<String, String> headers)
    {
        final TestClient client = TestClient.connect(
            harness.http, URI.create(harness.server.webSocketUri() + query), headers);
        clients.add(client);
        return client;
    }

    /** 101 if the upgrade succeeded (the session is then closed), else the refusal's HTTP status. */
    private int handshakeStatus(final String query, final Map<String, String> headers)
    {
        try
        {
            connect(query, headers).close();
            return 101;
        }
        catch (final CompletionException ex)
        {
            return assertInstanceOf(WebSocketHandshakeException.class, ex.getCause()).getResponse().statusCode();
        }
    }

    private static void assertRefused(final HttpResponse<String> response, final AuthRefusal refusal)
    {
        assertEquals(refusal.status().code(), response.statusCode(), response.body());
        final JsonNode body = TestClient.parse(response.body());
        assertEquals(refusal.reason(), body.path("error").asText());
        assertEquals(refusal.status().code(), body.path("status").asInt());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    }

    private static Map<String, String> bearer(final String token)
    {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static JWTClaimsSet claims(final String subject, final String audience, final long expiresInSeconds)
    {
        return new JWTClaimsSet.Builder().subject(subject).audience(audience)
            .expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000)).build();
    }

    private static JWTClaimsSet withIssuer(final JWTClaimsSet claims)
    {
        return new JWTClaimsSet.Builder(claims).issuer("https://issuer.example").build();
    }

    private static String hs256(final JWTClaimsSet claims)
    {
        try
        {
            return sign(JWSAlgorithm.HS256, new MACSigner(SECRET), claims);
        }
        catch (final JOSEException ex)
        {
            return fail(ex);
        }
    }

    private static String sign(final JWSAlgorithm algorithm, final JWSSigner signer, final JWTClaimsSet claims)
        throws JOSEException
    {
        final SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static Logger rootLogger()
    {
        return (Logger)LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
