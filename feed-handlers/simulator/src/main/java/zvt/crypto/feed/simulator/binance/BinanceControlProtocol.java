package zvt.crypto.feed.simulator.binance;

import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.json.JsonCursor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binance's live control requests on an open stream connection, {@code {"method":...,"params":[...],"id":N}}, and
 * their replies: {@code {"result":null,"id":N}} on success, the subscription list for LIST_SUBSCRIPTIONS, and
 * {@code {"code":n,"msg":"..."}} errors (0 unknown property, 1 invalid value type, 2 invalid request, 3 invalid
 * JSON). Control traffic is rare, so this allocates freely. Stateless.
 */
public final class BinanceControlProtocol
{
    /** What a request acts on: the subscriptions and properties of one connection. */
    public interface Session
    {
        List<String> subscriptions();

        void subscribe(List<String> streams);

        void unsubscribe(List<String> streams);

        boolean combined();

        void combined(boolean combined);
    }

    private static final int MAX_STRING_ID_LENGTH = 36;
    private static final String COMBINED = "combined";

    private BinanceControlProtocol()
    {
    }

    /** Applies the request to the session and returns the reply text. */
    public static String handle(final String requestText, final Session session)
    {
        final byte[] bytes = requestText.getBytes(StandardCharsets.UTF_8);
        final JsonCursor cursor = new JsonCursor().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        if (cursor.next() != JsonCursor.BEGIN_OBJECT)
        {
            return error(3, "Invalid JSON: expected an object", null);
        }
        String method = null;
        List<Object> params = List.of();
        String id = null;
        while (true)
        {
            final int nameToken = cursor.next();
            if (nameToken == JsonCursor.END_OBJECT)
            {
                break;
            }
            if (nameToken != JsonCursor.FIELD_NAME)
            {
                return error(3, "Invalid JSON: expected a field name", null);
            }
            final String name = text(cursor);
            final int value = cursor.next();
            if (value == JsonCursor.ERROR || value == JsonCursor.END)
            {
                return error(3, "Invalid JSON: expected value", null);
            }
            switch (name)
            {
                case "method" ->
                {
                    if (value != JsonCursor.STRING)
                    {
                        return error(2, "Invalid request: method must be a string", null);
                    }
                    method = text(cursor);
                }
                case "params" ->
                {
                    if (value != JsonCursor.BEGIN_ARRAY)
                    {
                        return error(2, "Invalid request: params must be an array", null);
                    }
                    params = readParams(cursor);
                    if (params == null)
                    {
                        return error(2, "Invalid request: params must be strings or booleans", null);
                    }
                }
                case "id" ->
                {
                    id = readId(cursor, value);
                    if (id == null)
                    {
                        return error(2, "Invalid request: request ID must be an unsigned integer or a string " +
                            "of at most 36 letters and digits", null);
                    }
                }
                default ->
                {
                    if (!cursor.skipValue())
                    {
                        return error(3, "Invalid JSON: unexpected end of input", null);
                    }
                }
            }
        }
        if (cursor.next() != JsonCursor.END)
        {
            return error(3, "Invalid JSON: trailing characters", id);
        }
        if (method == null)
        {
            return error(2, "Invalid request: missing field `method`", id);
        }
        return apply(method, params, id == null ? "null" : id, session);
    }

    private static String apply(final String method, final List<Object> params, final String id, final Session session)
    {
        switch (method)
        {
            case "SUBSCRIBE", "UNSUBSCRIBE" ->
            {
                final List<String> streams = new ArrayList<>();
                for (final Object param : params)
                {
                    if (!(param instanceof final String stream) || stream.isEmpty())
                    {
                        return error(2, "Invalid request: stream names must be non-empty strings", id);
                    }
                    streams.add(stream);
                }
                if ("SUBSCRIBE".equals(method))
                {
                    session.subscribe(streams);
                }
                else
                {
                    session.unsubscribe(streams);
                }
                return result("null", id);
            }
            case "LIST_SUBSCRIPTIONS" ->
            {
                final StringBuilder list = new StringBuilder("[");
                for (final String stream : session.subscriptions())
                {
                    list.append(list.length() > 1 ? "," : "").append('"').append(escape(stream)).append('"');
                }
                return result(list.append(']').toString(), id);
            }
            case "SET_PROPERTY" ->
            {
                if (params.size() != 2 || !COMBINED.equals(params.get(0)))
                {
                    return error(0, "Unknown property", id);
                }
                if (!(params.get(1) instanceof final Boolean combined))
                {
                    return error(1, "Invalid value type: expected Boolean", id);
                }
                session.combined(combined);
                return result("null", id);
            }
            case "GET_PROPERTY" ->
            {
                if (params.size() != 1 || !COMBINED.equals(params.get(0)))
                {
                    return error(0, "Unknown property", id);
                }
                return result(Boolean.toString(session.combined()), id);
            }
            default ->
            {
                return error(2, "Invalid request: unknown variant `" + escape(method) + "`, expected one of " +
                    "`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`", id);
            }
        }
    }

    private static List<Object> readParams(final JsonCursor cursor)
    {
        final List<Object> params = new ArrayList<>();
        while (true)
        {
            final int token = cursor.next();
            switch (token)
            {
                case JsonCursor.END_ARRAY:
                    return params;
                case JsonCursor.STRING:
                    params.add(text(cursor));
                    break;
                case JsonCursor.TRUE:
                case JsonCursor.FALSE:
                    params.add(token == JsonCursor.TRUE);
                    break;
                default:
                    return null;
            }
        }
    }

    /** @return the id as JSON text to echo, or null if it is not a valid id. */
    private static String readId(final JsonCursor cursor, final int token)
    {
        if (token == JsonCursor.NULL)
        {
            return "null";
        }
        final String text = text(cursor);
        if (token == JsonCursor.NUMBER && cursor.tokenAsLong() != Long.MIN_VALUE)
        {
            return text;
        }
        if (token == JsonCursor.STRING && !text.isEmpty() && text.length() <= MAX_STRING_ID_LENGTH &&
            text.chars().allMatch(Character::isLetterOrDigit))
        {
            return '"' + text + '"';
        }
        return null;
    }

    private static String text(final JsonCursor cursor)
    {
        return cursor.buffer().getStringWithoutLengthUtf8(cursor.tokenOffset(), cursor.tokenLength());
    }

    private static String result(final String resultJson, final String id)
    {
        return "{\"result\":" + resultJson + ",\"id\":" + id + "}";
    }

    private static String error(final int code, final String message, final String id)
    {
        return "{\"code\":" + code + ",\"msg\":\"" + escape(message) + "\"" + (id == null ? "" : ",\"id\":" + id) + "}";
    }

    private static String escape(final String text)
    {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
