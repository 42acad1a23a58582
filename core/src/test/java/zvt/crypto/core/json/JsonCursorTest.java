package zvt.crypto.core.json;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.core.json.JsonCursor.BEGIN_ARRAY;
import static zvt.crypto.core.json.JsonCursor.BEGIN_OBJECT;
import static zvt.crypto.core.json.JsonCursor.END;
import static zvt.crypto.core.json.JsonCursor.END_ARRAY;
import static zvt.crypto.core.json.JsonCursor.END_OBJECT;
import static zvt.crypto.core.json.JsonCursor.ERROR;
import static zvt.crypto.core.json.JsonCursor.FALSE;
import static zvt.crypto.core.json.JsonCursor.FIELD_NAME;
import static zvt.crypto.core.json.JsonCursor.NULL;
import static zvt.crypto.core.json.JsonCursor.NUMBER;
import static zvt.crypto.core.json.JsonCursor.STRING;
import static zvt.crypto.core.json.JsonCursor.TRUE;

class JsonCursorTest
{
    private final JsonCursor cursor = new JsonCursor();

    @Test
    void shouldTokenizeANestedVenueFrame()
    {
        final String json = "{\"stream\":\"bnbbtc@trade\",\"data\":{\"p\":\"0.1\",\"t\":42,\"m\":true,\"M\":false," +
            "\"x\":null,\"b\":[[\"1\",\"2\"]],\"s\":\"a\\\"b\"}}";
        final List<String> tokens = tokens(json);
        assertEquals(List.of("{", "N:stream", "S:bnbbtc@trade", "N:data", "{", "N:p", "S:0.1", "N:t", "#:42", "N:m",
            "true", "N:M", "false", "N:x", "null", "N:b", "[", "[", "S:1", "S:2", "]", "]", "N:s", "S:a\\\"b", "}", "}",
            "end"), tokens);
    }

    @Test
    void shouldSkipNestedValues()
    {
        wrap("{\"a\":{\"x\":[1,{\"y\":2}]},\"b\":7}");
        assertEquals(BEGIN_OBJECT, cursor.next());
        assertEquals(FIELD_NAME, cursor.next());
        assertEquals(BEGIN_OBJECT, cursor.next());
        assertTrue(cursor.skipValue());
        assertEquals(FIELD_NAME, cursor.next());
        assertTrue(cursor.tokenEquals("b".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(NUMBER, cursor.next());
        assertEquals(7, cursor.tokenAsLong());
    }

    @Test
    void shouldReportTruncatedAndMismatchedInputAsErrors()
    {
        assertEquals(ERROR, last("{\"a\":\"unterminated"));
        assertEquals(ERROR, last("{\"a\":1"));
        assertEquals(ERROR, last("{\"a\":1]"));
        assertEquals(ERROR, last("{\"a\":tru}"));
        assertEquals(ERROR, last("{\"a\":@}"));
    }

    @Test
    void shouldRejectNonIntegersAsLong()
    {
        wrap("[1.5,-12,12345678901234567890]");
        cursor.next();
        cursor.next();
        assertEquals(Long.MIN_VALUE, cursor.tokenAsLong());
        cursor.next();
        assertEquals(-12, cursor.tokenAsLong());
        cursor.next();
        assertEquals(Long.MIN_VALUE, cursor.tokenAsLong());
    }

    /**
     * Strings are scanned a word at a time: the closing quote and an escape are found at every position relative to
     * a word, inside a frame that sits in a larger buffer, and bytes with the high bit set (UTF-8) that differ from a
     * quote or backslash only in that bit are plain text.
     */
    @Test
    void shouldFindTheEndOfAStringAtEveryPositionOfAWord()
    {
        // 0xE9, and 0xA2 / 0xDC: a quote and a backslash with the high bit set (one byte each in ISO-8859-1)
        for (final String unit : new String[] {"a", "\u00e9", "\u00a2", "\u00dc"})
        {
            for (int frameOffset = 0; frameOffset < 9; frameOffset++)
            {
                for (int length = 0; length < 40; length++)
                {
                    final String text = unit.repeat(length);
                    final String escaped = length == 0 ? "\\\"" : text.substring(0, length / 2) + "\\\"" +
                        text.substring(length / 2);
                    for (final String content : new String[] {text, escaped})
                    {
                        final byte[] frame = ("[\"" + content + "\",1]").getBytes(StandardCharsets.ISO_8859_1);
                        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[frameOffset + frame.length + 16]);
                        buffer.setMemory(0, buffer.capacity(), (byte)'"');
                        buffer.putBytes(frameOffset, frame);
                        cursor.wrap(buffer, frameOffset, frame.length);
                        assertEquals(BEGIN_ARRAY, cursor.next());
                        assertEquals(STRING, cursor.next(), content);
                        assertEquals(frameOffset + 2, cursor.tokenOffset());
                        assertEquals(content.length(), cursor.tokenLength(), content);
                        assertEquals(NUMBER, cursor.next(), content);
                        assertEquals(END_ARRAY, cursor.next());
                        assertEquals(END, cursor.next());

                        // Cut before the closing quote: the quotes after the frame must not end the string.
                        cursor.wrap(buffer, frameOffset, 2 + content.length());
                        assertEquals(BEGIN_ARRAY, cursor.next());
                        assertEquals(ERROR, cursor.next(), content);
                    }
                }
            }
        }
    }

    @Test
    void shouldRefuseARangeOutsideTheBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        assertThrows(IndexOutOfBoundsException.class, () -> cursor.wrap(buffer, 8, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> cursor.wrap(buffer, -1, 4));
    }

    private int last(final String json)
    {
        wrap(json);
        int token;
        do
        {
            token = cursor.next();
        }
        while (token != END && token != ERROR);
        return token;
    }

    private List<String> tokens(final String json)
    {
        wrap(json);
        final List<String> result = new ArrayList<>();
        while (true)
        {
            final int token = cursor.next();
            final String text = cursor.buffer().getStringWithoutLengthAscii(cursor.tokenOffset(), cursor.tokenLength());
            switch (token)
            {
                case BEGIN_OBJECT -> result.add("{");
                case END_OBJECT -> result.add("}");
                case BEGIN_ARRAY -> result.add("[");
                case END_ARRAY -> result.add("]");
                case FIELD_NAME -> result.add("N:" + text);
                case STRING -> result.add("S:" + text);
                case NUMBER -> result.add("#:" + text);
                case TRUE -> result.add("true");
                case FALSE -> result.add("false");
                case NULL -> result.add("null");
                case END ->
                {
                    result.add("end");
                    return result;
                }
                default -> throw new AssertionError("unexpected token " + token + " after " + result);
            }
        }
    }

    private void wrap(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        cursor.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
