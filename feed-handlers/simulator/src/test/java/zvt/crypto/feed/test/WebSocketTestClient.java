package zvt.crypto.feed.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
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

    public void close()
    {
        if (webSocket != null)
        {
            webSocket.abort();
        }
        client.close();
    }
}
