package zvt.crypto.core.test;

import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;

/**
 * Collects the whole text messages a JDK {@link WebSocket} receives into a queue, reading as fast as they come; a
 * listener of its own, or the text part of a richer one.
 */
public final class TextMessageCollector implements WebSocket.Listener
{
    private final BlockingQueue<String> messages;
    private final StringBuilder partial = new StringBuilder();

    public TextMessageCollector(final BlockingQueue<String> messages)
    {
        this.messages = messages;
    }

    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        partial.append(data);
        if (last)
        {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }
}
