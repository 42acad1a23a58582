package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A gateway client built on the JDK's {@link WebSocket}: collects whole text messages, and can stop reading
 * (stop requesting more) to play a slow consumer.
 */
final class TestClient implements AutoCloseable
{
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    record CloseStatus(int code, String reason)
    {
    }

    private final Listener listener = new Listener();
    private final WebSocket webSocket;

    private TestClient(final HttpClient http, final URI uri, final Map<String, String> headers)
    {
        final WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        webSocket = builder.buildAsync(uri, listener).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    static TestClient connect(final HttpClient http, final URI uri)
    {
        return new TestClient(http, uri, Map.of());
    }

    /** With handshake headers, e.g. credentials; a refused handshake throws (a WebSocketHandshakeException cause). */
    static TestClient connect(final HttpClient http, final URI uri, final Map<String, String> headers)
    {
        return new TestClient(http, uri, headers);
    }

    void send(final String text)
    {
        webSocket.sendText(text, true).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    void sendBinary(final byte[] bytes)
    {
        webSocket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Sends a control message and returns the next message received, parsed. */
    JsonNode request(final String text)
    {
        send(text);
        return nextJson();
    }

    String next()
    {
        try
        {
            final String message = listener.messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(message, "no message within " + TIMEOUT + "; closed: " + listener.closed.getNow(null) +
                ", error: " + listener.error.getNow(null));
            return message;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    JsonNode nextJson()
    {
        return parse(next());
    }

    List<String> next(final int count)
    {
        final List<String> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            result.add(next());
        }
        return result;
    }

    /** Messages received and not yet taken. */
    int pending()
    {
        return listener.messages.size();
    }

    /** Drops the messages received and not yet taken. */
    void discardPending()
    {
        listener.messages.clear();
    }

    long receivedCount()
    {
        return listener.received.get();
    }

    void stopReading()
    {
        listener.reading = false;
    }

    void resumeReading()
    {
        listener.reading = true;
        webSocket.request(1);
    }

    CompletableFuture<CloseStatus> closed()
    {
        return listener.closed;
    }

    CompletableFuture<Throwable> error()
    {
        return listener.error;
    }

    static JsonNode parse(final String text)
    {
        try
        {
            return JSON.readTree(text);
        }
        catch (final Exception ex)
        {
            return fail("not JSON: " + text, ex);
        }
    }

    public void close()
    {
        webSocket.abort();
    }

    /** The next binary message, whole. */
    ByteBuffer nextBinary()
    {
        try
        {
            final ByteBuffer message = listener.binaryMessages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(message, "no binary message within " + TIMEOUT);
            return message;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private static final class Listener implements WebSocket.Listener
    {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final BlockingQueue<ByteBuffer> binaryMessages = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
        private final StringBuilder partial = new StringBuilder();
        private final AtomicLong received = new AtomicLong();
        private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
        private final CompletableFuture<Throwable> error = new CompletableFuture<>();
        private volatile boolean reading = true;

        public void onOpen(final WebSocket webSocket)
        {
            webSocket.request(1);
        }

        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                messages.add(partial.toString());
                partial.setLength(0);
                received.incrementAndGet();
            }
            if (reading)
            {
                webSocket.request(1);
            }
            return null;
        }

        public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
        {
            final byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partialBinary.writeBytes(bytes);
            if (last)
            {
                binaryMessages.add(ByteBuffer.wrap(partialBinary.toByteArray()));
                partialBinary.reset();
                received.incrementAndGet();
            }
            if (reading)
            {
                webSocket.request(1);
            }
            return null;
        }

        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            closed.complete(new CloseStatus(statusCode, reason));
            return null;
        }

        public void onError(final WebSocket webSocket, final Throwable failure)
        {
            error.complete(failure);
        }
    }
}
