package zvt.crypto.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.gateway.auth.ApiKeys;
import zvt.crypto.gateway.auth.AuthContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web page on the gateway's port: its files with their content types and revalidation, uPlot from the WebJar,
 * 404 for anything else (path tricks included), only GET and HEAD; public with auth on, and its own origin allowed
 * on the WebSocket whatever the allow-list says.
 */
class WebPageTest
{
    private static final String KEY = "web-page-test-key";

    private GatewayHarness harness;

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldServeThePageAndItsFilesWithTheirTypesAndRevalidation() throws Exception
    {
        start(new AuthContext());
        final HttpResponse<String> page = get("/", Map.of());
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", header(page, "content-type"));
        assertEquals("no-cache", header(page, "cache-control"));
        assertEquals("nosniff", header(page, "x-content-type-options"));
        assertTrue(page.body().contains("<script type=\"module\" src=\"/web/app.js\">"), page.body());

        final String etag = header(page, "etag");
        final HttpResponse<String> unchanged = get("/", Map.of("If-None-Match", etag));
        assertEquals(304, unchanged.statusCode());
        assertEquals("", unchanged.body());
        assertEquals(200, get("/", Map.of("If-None-Match", "\"other\"")).statusCode());

        for (final Map.Entry<String, String> file : Map.of(
            "/web/app.js", "text/javascript; charset=utf-8",
            "/web/book.js", "text/javascript; charset=utf-8",
            "/web/style.css", "text/css; charset=utf-8",
            "/web/uplot/uPlot.esm.js", "text/javascript; charset=utf-8",
            "/web/uplot/uPlot.min.css", "text/css; charset=utf-8").entrySet())
        {
            final HttpResponse<String> response = get(file.getKey(), Map.of());
            assertEquals(200, response.statusCode(), file.getKey());
            assertEquals(file.getValue(), header(response, "content-type"), file.getKey());
            assertEquals(Long.parseLong(header(response, "content-length")),
                response.body().getBytes(StandardCharsets.UTF_8).length, file.getKey());
        }
        assertTrue(get("/web/uplot/uPlot.esm.js", Map.of()).body().contains("export { uPlot as default }"),
            "uPlot's ES module, from the WebJar");
    }

    @Test
    void shouldAnswer404ForAnythingButThePagesFiles() throws Exception
    {
        start(new AuthContext());
        for (final String path : List.of("/web/", "/web/missing.js", "/web/index", "/web/openapi.json",
            "/web/../rest/openapi.json", "/web/%2e%2e/rest/openapi.json", "/web/..%2frest%2fopenapi.json",
            "/web/uplot/../index.html", "/web/uplot/../../uplot/1.6.30/package.json", "/web/uplot/package.json",
            "/web/uplot/README.md", "/web/.hidden.js", "/web/zvt/crypto/gateway/web/app.js",
            "/web/%5C..%5Crest%5Copenapi.json", "/web/app.js%00.css"))
        {
            assertEquals(404, rawStatus("GET", path), path);
        }
        assertEquals(200, rawStatus("GET", "/web/app.js?v=1"), "a query string names the same file");
    }

    @Test
    void shouldServeOnlyGetAndHead() throws Exception
    {
        start(new AuthContext());
        assertEquals(200, rawStatus("HEAD", "/"));
        final HttpResponse<String> post = harness.http.send(HttpRequest.newBuilder(uri("/"))
            .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", header(post, "allow"));
    }

    @Test
    void shouldServeThePageWithoutCredentialsAndAllowItsOwnOriginWithAuthOn() throws Exception
    {
        start(new AuthContext().enabled(true).allowedOrigins(List.of())
            .apiKeys(ApiKeys.parse(List.of("web:" + ApiKeys.sha256Hex(KEY)), "test")));
        assertEquals(200, get("/", Map.of()).statusCode(), "the page is public");
        assertEquals(200, get("/web/app.js", Map.of()).statusCode());
        assertEquals(200, get("/web/uplot/uPlot.esm.js", Map.of()).statusCode());
        assertEquals(401, get("/api/v1/crypto/instruments", Map.of()).statusCode(), "the data is not");
        assertEquals(401, get("/api/v1/crypto/metrics", Map.of()).statusCode());
        assertEquals(200, get("/api/v1/crypto/instruments", Map.of("X-API-Key", KEY)).statusCode());

        final String ownOrigin = "http://127.0.0.1:" + harness.server.port();
        assertEquals(101, handshake("?access_token=" + KEY, Map.of("Origin", ownOrigin)),
            "the page's own origin, though the allow-list is empty");
        assertEquals(401, handshake("", Map.of("Origin", ownOrigin)), "still with a credential only");
        assertEquals(403, handshake("?access_token=" + KEY, Map.of("Origin", "http://127.0.0.1:1")),
            "another port is another origin");
        assertEquals(403, handshake("?access_token=" + KEY, Map.of("Origin", "https://evil.example")));
    }

    private void start(final AuthContext auth)
    {
        harness = new GatewayHarness(new GatewayContext().auth(auth));
    }

    private URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + harness.server.port() + path);
    }

    private HttpResponse<String> get(final String path, final Map<String, String> headers) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(request::header);
        return harness.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a request sent byte for byte as written: no client normalizes the path first. */
    private int rawStatus(final String method, final String path) throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", harness.server.port()))
        {
            final OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            final InputStream in = socket.getInputStream();
            final String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
    }

    private int handshake(final String query, final Map<String, String> headers)
    {
        final WebSocket.Builder builder = harness.http.newWebSocketBuilder();
        headers.forEach(builder::header);
        try
        {
            builder.buildAsync(URI.create(harness.server.webSocketUri() + query), new WebSocket.Listener()
            {
            }).join().abort();
            return 101;
        }
        catch (final CompletionException ex)
        {
            return assertInstanceOf(WebSocketHandshakeException.class, ex.getCause()).getResponse().statusCode();
        }
    }

    private static String header(final HttpResponse<String> response, final String name)
    {
        return response.headers().firstValue(name).orElse("");
    }
}
