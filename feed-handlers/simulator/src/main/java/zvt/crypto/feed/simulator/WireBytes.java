package zvt.crypto.feed.simulator;

import org.agrona.MutableDirectBuffer;
import zvt.crypto.core.json.JsonWriter;

import java.nio.charset.StandardCharsets;

/** Fixed parts of venue messages, spelled once and copied into the encoders' buffers. Stateless. */
public final class WireBytes
{
    private WireBytes()
    {
    }

    public static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Copies {@code bytes} at {@code offset}, growing an expandable buffer as needed; returns the end offset. */
    public static int put(final MutableDirectBuffer buffer, final int offset, final byte[] bytes)
    {
        buffer.putBytes(offset, bytes);
        return offset + bytes.length;
    }

    /**
     * Starts a named object, {@code "name":{}, at the writer's position in {@code buffer} (the writer spells only
     * arrays by name): writes the name with an empty string and re-wraps over the two quotes.
     */
    public static JsonWriter beginObject(final JsonWriter writer, final MutableDirectBuffer buffer, final String name)
    {
        writer.field(name, "");
        return writer.wrap(buffer, writer.position() - 2).beginObject();
    }
}
