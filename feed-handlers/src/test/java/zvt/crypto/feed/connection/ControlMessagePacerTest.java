package zvt.crypto.feed.connection;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlMessagePacerTest
{
    @Test
    void shouldNeverSendMoreControlMessagesPerSecondThanAllowed()
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime(); // only advanceTimeBy moves the loop's clock, however slow the machine
        final List<String> messages = List.of("a", "b", "c", "d", "e", "f", "g");

        final long lastAfterMs = ControlMessagePacer.send(channel, messages, 3);

        // Step the channel's clock 10 ms at a time and note when each message goes out.
        final List<String> sent = new ArrayList<>(written(channel));
        final List<Long> sentAtMs = new ArrayList<>();
        sent.forEach(message -> sentAtMs.add(0L));
        for (long nowMs = 10; nowMs <= 3_000; nowMs += 10)
        {
            channel.advanceTimeBy(10, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            for (final String message : written(channel))
            {
                sent.add(message);
                sentAtMs.add(nowMs);
            }
        }
        assertEquals(messages, sent);
        for (int i = 3; i < sentAtMs.size(); i++)
        {
            assertTrue(sentAtMs.get(i) - sentAtMs.get(i - 3) >= 1_000, "4 messages within a second: " + sentAtMs);
        }
        assertEquals(2_004, lastAfterMs);
    }

    @Test
    void shouldDropPacedMessagesOfASessionThatClosed()
    {
        final EmbeddedChannel channel = new EmbeddedChannel();
        ControlMessagePacer.send(channel, List.of("a", "b"), 1);
        written(channel);
        channel.close();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertEquals(List.of(), written(channel));
    }

    private static List<String> written(final EmbeddedChannel channel)
    {
        final List<String> texts = new ArrayList<>();
        TextWebSocketFrame frame;
        while ((frame = channel.readOutbound()) != null)
        {
            texts.add(frame.text());
            frame.release();
        }
        return texts;
    }
}
