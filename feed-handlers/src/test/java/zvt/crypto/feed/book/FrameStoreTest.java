package zvt.crypto.feed.book;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameStoreTest
{
    @Test
    void shouldReplayFramesInOrderKeepTheTailAndRefuseBeyondItsCap()
    {
        final FrameStore store = new FrameStore(64);
        assertTrue(store.append(1, frame("one"), 0, 3));
        assertTrue(store.append(2, frame("two"), 0, 3));
        assertTrue(store.append(3, frame("three"), 0, 5));
        assertEquals(List.of("1:one", "2:two", "3:three"), contents(store));

        final int second = store.next(store.first());
        store.discardBefore(second);
        assertEquals(List.of("2:two", "3:three"), contents(store));
        assertEquals(2, store.count());

        assertFalse(store.append(4, frame("x".repeat(40)), 0, 40));
        assertTrue(store.overflowed());
        store.clear();
        assertEquals(List.of(), contents(store));
        assertFalse(store.overflowed());
    }

    private static List<String> contents(final FrameStore store)
    {
        final List<String> contents = new ArrayList<>();
        for (int p = store.first(); store.hasFrame(p); p = store.next(p))
        {
            final UnsafeBuffer frame = store.frame(p);
            contents.add(store.receiveTimeNanos(p) + ":" + frame.getStringWithoutLengthAscii(0, frame.capacity()));
        }
        return contents;
    }

    private static UnsafeBuffer frame(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
