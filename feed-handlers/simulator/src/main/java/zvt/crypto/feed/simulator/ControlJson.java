package zvt.crypto.feed.simulator;

import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.json.JsonCursor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a client's control message (subscribe, unsubscribe, ping) into plain Java values: objects as maps, arrays as
 * lists, strings, numbers as their text, booleans, null. Control traffic is rare, so this allocates freely; market
 * messages never come this way. Stateless.
 */
public final class ControlJson
{
    private ControlJson()
    {
    }

    /** @return the value, or null if the text is not one well-formed JSON object. */
    public static Map<String, Object> parseObject(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final JsonCursor cursor = new JsonCursor().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        if (cursor.next() != JsonCursor.BEGIN_OBJECT)
        {
            return null;
        }
        final Object value = readObject(cursor);
        return value instanceof Map<?, ?> && cursor.next() == JsonCursor.END ? castMap(value) : null;
    }

    /** The string (or number text) at {@code name}, or null. */
    public static String string(final Map<String, Object> object, final String name)
    {
        final Object value = object.get(name);
        return value instanceof final String text ? text : null;
    }

    /** The array at {@code name}, or an empty list. */
    public static List<Object> list(final Map<String, Object> object, final String name)
    {
        final Object value = object.get(name);
        if (value instanceof final List<?> list)
        {
            return new ArrayList<>(list);
        }
        return List.of();
    }

    /** The object in a list element, or null. */
    public static Map<String, Object> object(final Object value)
    {
        return value instanceof Map<?, ?> ? castMap(value) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(final Object value)
    {
        return (Map<String, Object>)value;
    }

    private static Object readObject(final JsonCursor cursor)
    {
        final Map<String, Object> object = new LinkedHashMap<>();
        while (true)
        {
            final int token = cursor.next();
            if (token == JsonCursor.END_OBJECT)
            {
                return object;
            }
            if (token != JsonCursor.FIELD_NAME)
            {
                return null;
            }
            final String name = text(cursor);
            final Object value = readValue(cursor, cursor.next());
            if (value == null)
            {
                return null;
            }
            object.put(name, value);
        }
    }

    private static Object readArray(final JsonCursor cursor)
    {
        final List<Object> array = new ArrayList<>();
        while (true)
        {
            final int token = cursor.next();
            if (token == JsonCursor.END_ARRAY)
            {
                return array;
            }
            final Object value = readValue(cursor, token);
            if (value == null)
            {
                return null;
            }
            array.add(value);
        }
    }

    /** JSON null reads as the empty string, so that null can mean malformed. */
    private static Object readValue(final JsonCursor cursor, final int token)
    {
        return switch (token)
        {
            case JsonCursor.BEGIN_OBJECT -> readObject(cursor);
            case JsonCursor.BEGIN_ARRAY -> readArray(cursor);
            case JsonCursor.STRING, JsonCursor.NUMBER -> text(cursor);
            case JsonCursor.TRUE -> Boolean.TRUE;
            case JsonCursor.FALSE -> Boolean.FALSE;
            case JsonCursor.NULL -> "";
            default -> null;
        };
    }

    private static String text(final JsonCursor cursor)
    {
        return cursor.buffer().getStringWithoutLengthUtf8(cursor.tokenOffset(), cursor.tokenLength());
    }
}
