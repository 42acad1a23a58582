package zvt.crypto.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A light client for tests with many sessions or many messages: it keeps no messages, only counts the trades it
 * receives and checks that their journal indexes rise, reading the index from the text without parsing the JSON.
 */
final class CountingClient implements WebSocket.Listener
{
    private static final String TRADE = "\"type\":\"trade\"";
    private static final String INDEX = "\"journalIndex\":";

    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<String> subscribed = new CompletableFuture<>();
    private final WebSocket webSocket;
    private volatile long trades;
    private volatile long lastIndex = -1;
    private volatile String disorder;

    /** Connects and subscribes to the trades of one symbol; returns once the subscription is acknowledged. */
    static CountingClient subscribe(final HttpClient http, final URI uri, final String venue, final String symbol)
    {
        final CountingClient client = new CountingClient(http, uri);
        client.webSocket.sendText(GatewayHarness.subscribe(venue, symbol), true);
        final String reply = client.subscribed.orTimeout(30, TimeUnit.SECONDS).join();
        if (!reply.contains("\"subscribed\""))
        {
            throw new AssertionError("not subscribed: " + reply);
        }
        return client;
    }

    private CountingClient(final HttpClient http, final URI uri)
    {
        webSocket = http.newWebSocketBuilder().buildAsync(uri, this).orTimeout(30, TimeUnit.SECONDS).join();
    }

    public void onOpen(final WebSocket webSocket)
    {
        webSocket.request(1);
    }

    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        partial.append(data);
        if (last)
        {
            onMessage(partial);
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    private void onMessage(final CharSequence message)
    {
        final String text = message.toString();
        if (!text.contains(TRADE))
        {
            subscribed.complete(text);
            return;
        }
        final int start = text.indexOf(INDEX) + INDEX.length();
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end)))
        {
            end++;
        }
        final long index = Long.parseLong(text, start, end, 10);
        if (index <= lastIndex && disorder == null)
        {
            disorder = "index " + index + " after " + lastIndex;
        }
        lastIndex = index;
        trades++;
    }

    long trades()
    {
        return trades;
    }

    long lastIndex()
    {
        return lastIndex;
    }

    /** @return null, or the first time an index did not rise. */
    String disorder()
    {
        return disorder;
    }

    void close()
    {
        webSocket.abort();
    }
}
