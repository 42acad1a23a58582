package zvt.crypto.feed.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import zvt.crypto.core.test.TextMessageCollector;

/**
 * An independent WebSocket client for testing servers: the JDK's own {@link WebSocket}, collecting text messages.
 */
public final class WebSocketTestClient implements WebSocket.Listener, AutoCloseable
{
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final TextMessageCollector text = new TextMessageCollector(messages);
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final HttpClient client = HttpClient.newHttpClient();
    private WebSocket webSocket;

    private WebSocketTestClient()
    {
    }

    public static WebSocketTestClient connect(final String uri) throws Exception
    {
        final WebSocketTestClient listener = new WebSocketTestClient();
        try
        {
            listener.webSocket = listener.client.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(uri), listener)
                .get(5, TimeUnit.SECONDS);
            return listener;
        }
        catch (final Exception ex)
        {
            listener.client.close();
            throw ex;
        }
    }

    public void send(final String text) throws Exception
    {
        webSocket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    /** The next message that matches, skipping others; fails after the timeout. */
    public String next(final Predicate<String> matching, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final String message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null)
            {
                throw new AssertionError("no matching message within " + timeout);
            }
            if (matching.test(message))
            {
                return message;
            }
        }
    }

    /** The next message, or null after the timeout. */
    public String poll(final Duration timeout) throws InterruptedException
    {
        return messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public int pings()
    {
        return pings.get();
    }

    /**
     * Waits for the connection to end. A server that drops the TCP connection without a close frame can go unnoticed
     * by a client that only reads, so after half the timeout this writes a probe: writing to a dropped connection
     * fails, and that counts as its end.
     *
     * @return how the connection ended ("code reason" or "error ..."), or null if still open after the timeout.
     */
    public String awaitClosed(final Duration timeout) throws InterruptedException
    {
        final String ended = endedWithin(timeout.dividedBy(2));
        if (ended != null)
        {
            return ended;
        }
        webSocket.sendText("probe", true).whenComplete((ignored, error) ->
        {
            if (error != null)
            {
                closed.complete("error on write " + error);
            }
        });
        return endedWithin(timeout.dividedBy(2));
    }

    private String endedWithin(final Duration timeout) throws InterruptedException
    {
        try
        {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final java.util.concurrent.TimeoutException ex)
        {
            return null;
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            return "error " + ex.getCause();
        }
    }

    public void onOpen(final WebSocket webSocket)
    {
        webSocket.request(1);
    }

    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        return text.onText(webSocket, data, last);
    }

    public CompletionStage<?> onPing(final WebSocket webSocket, final ByteBuffer message)
    {
        pings.incrementAndGet();
        return WebSocket.Listener.super.onPing(webSocket, message);
    }

    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    public void onError(final WebSocket webSocket, final Throwable error)
    {
        closed.complete("error " + error);
    }

    public void close()
    {
        if (webSocket != null)
        {
            webSocket.abort();
        }
        client.close();
    }
}
