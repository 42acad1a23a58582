package zvt.crypto.ops.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A minimal Chrome DevTools protocol client over the JDK's WebSocket: commands with their replies, and the page's
 * errors as they happen (console errors, uncaught exceptions, failed loads logged by the browser).
 */
final class DevTools implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long REPLY_TIMEOUT_S = 20;

    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final HttpClient http = HttpClient.newHttpClient();
    private WebSocket socket;

    static DevTools connect(final URI endpoint) throws Exception
    {
        final DevTools client = new DevTools();
        client.socket = client.http.newWebSocketBuilder().buildAsync(endpoint, client.new Listener())
            .get(REPLY_TIMEOUT_S, TimeUnit.SECONDS);
        return client;
    }

    static ObjectNode params()
    {
        return JSON.createObjectNode();
    }

    /** Sends a command and waits for its result; a protocol error is thrown. */
    JsonNode send(final String method, final ObjectNode params) throws Exception
    {
        final long id = ids.incrementAndGet();
        final CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        final ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params);
        socket.sendText(command.toString(), true).get(REPLY_TIMEOUT_S, TimeUnit.SECONDS);
        final JsonNode message = reply.get(REPLY_TIMEOUT_S, TimeUnit.SECONDS);
        if (message.has("error"))
        {
            throw new IllegalStateException(method + ": " + message.get("error"));
        }
        return message.get("result");
    }

    /** Turns on what the error collection and navigation need. */
    void enable() throws Exception
    {
        send("Runtime.enable", params());
        send("Log.enable", params());
        send("Page.enable", params());
    }

    void navigate(final String url) throws Exception
    {
        send("Page.navigate", params().put("url", url));
    }

    /** The value of a JavaScript expression in the page (promises awaited); null if it threw. */
    JsonNode evaluate(final String expression) throws Exception
    {
        final JsonNode result = send("Runtime.evaluate",
            params().put("expression", expression).put("returnByValue", true).put("awaitPromise", true));
        return result.has("exceptionDetails") ? null : result.get("result").get("value");
    }

    void screenshot(final Path file) throws Exception
    {
        final JsonNode result = send("Page.captureScreenshot", params().put("format", "png"));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(result.get("data").asText()));
    }

    /** Every console error, uncaught exception and browser error log entry so far. */
    synchronized List<String> errors()
    {
        return List.copyOf(errors);
    }

    public void close()
    {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        http.close();
    }

    private synchronized void onEvent(final String method, final JsonNode params)
    {
        switch (method)
        {
            case "Runtime.consoleAPICalled" ->
            {
                if ("error".equals(params.get("type").asText()))
                {
                    errors.add("console.error: " + params.get("args"));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("exception: " + params.get("exceptionDetails"));
            case "Log.entryAdded" ->
            {
                if ("error".equals(params.get("entry").get("level").asText()))
                {
                    errors.add("log: " + params.get("entry"));
                }
            }
            default ->
            {
            }
        }
    }

    private final class Listener implements WebSocket.Listener
    {
        private final StringBuilder text = new StringBuilder();

        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            text.append(data);
            if (last)
            {
                dispatch(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(final String frame)
        {
            try
            {
                final JsonNode message = JSON.readTree(frame);
                if (message.has("id"))
                {
                    final CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asLong());
                    if (reply != null)
                    {
                        reply.complete(message);
                    }
                }
                else if (message.has("method"))
                {
                    onEvent(message.get("method").asText(), message.get("params"));
                }
            }
            catch (final Exception ex)
            {
                pending.values().forEach(reply -> reply.completeExceptionally(ex));
            }
        }
    }
}
