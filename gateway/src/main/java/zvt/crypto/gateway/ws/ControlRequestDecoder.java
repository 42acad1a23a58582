package zvt.crypto.gateway.ws;

import io.netty.buffer.ByteBuf;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.gateway.Rejection;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes one control message, e.g. {@code {"op":"subscribe","channel":"trades","venue":"BINANCE",
 * "symbol":"BTC-USDT"}}, with core's {@link JsonCursor}. Unknown fields are skipped, so clients may add their own
 * (a request id, say). After {@link #decode} the accessors describe the request, including the fields as sent so a
 * reply can echo them.
 * <p>
 * Not thread-safe: one per session, used on its event loop. Control messages are rare and rate-limited, so the
 * decoded texts are plain Strings.
 */
final class ControlRequestDecoder
{
    private static final byte[] OP = ascii("op");
    private static final byte[] CHANNEL = ascii("channel");
    private static final byte[] VENUE = ascii("venue");
    private static final byte[] SYMBOL = ascii("symbol");
    private static final Venue[] VENUES = Venue.values();

    private final JsonCursor cursor = new JsonCursor();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private String opText;
    private String channelText;
    private String venueText;
    private String symbolText;
    private ControlOp op;
    private SubscriptionChannel channel;
    private Venue venue;

    /**
     * @return null if the message is a well-formed request, else why it is not.
     */
    Rejection decode(final ByteBuf content)
    {
        opText = null;
        channelText = null;
        venueText = null;
        symbolText = null;
        op = null;
        channel = null;
        venue = null;
        final Rejection malformed = readFields(content);
        return malformed != null ? malformed : interpret();
    }

    ControlOp op()
    {
        return op;
    }

    SubscriptionChannel channel()
    {
        return channel;
    }

    Venue venue()
    {
        return venue;
    }

    /** The symbol in the normalized upper-case spelling, or null if none was given. */
    String symbol()
    {
        return symbolText == null ? null : symbolText.toUpperCase(Locale.ROOT);
    }

    String opText()
    {
        return opText;
    }

    String channelText()
    {
        return channelText;
    }

    String venueText()
    {
        return venueText;
    }

    String symbolText()
    {
        return symbolText;
    }

    private Rejection readFields(final ByteBuf content)
    {
        final int length = content.readableBytes();
        if (buffer.capacity() < length)
        {
            buffer.wrap(new byte[BitUtil.findNextPositivePowerOfTwo(length)]);
        }
        content.getBytes(content.readerIndex(), buffer.byteArray(), 0, length);
        cursor.wrap(buffer, 0, length);
        if (cursor.next() != JsonCursor.BEGIN_OBJECT)
        {
            return Rejection.BAD_JSON;
        }
        int token;
        while ((token = cursor.next()) == JsonCursor.FIELD_NAME)
        {
            final byte[] field = knownField();
            final int value = cursor.next();
            if (field == null)
            {
                if (value == JsonCursor.ERROR || !cursor.skipValue())
                {
                    return Rejection.BAD_JSON;
                }
            }
            else if (value == JsonCursor.STRING)
            {
                store(field, buffer.getStringWithoutLengthAscii(cursor.tokenOffset(), cursor.tokenLength()));
            }
            else
            {
                return Rejection.BAD_JSON;
            }
        }
        return token == JsonCursor.END_OBJECT && cursor.next() == JsonCursor.END ? null : Rejection.BAD_JSON;
    }

    private Rejection interpret()
    {
        if (opText == null)
        {
            return Rejection.MISSING_FIELD;
        }
        op = opOf(opText);
        if (op == null)
        {
            return Rejection.UNKNOWN_OP;
        }
        if (op == ControlOp.PING)
        {
            return null;
        }
        if (channelText == null || venueText == null)
        {
            return Rejection.MISSING_FIELD;
        }
        channel = SubscriptionChannel.ofName(channelText);
        if (channel == null)
        {
            return Rejection.UNKNOWN_CHANNEL;
        }
        venue = venueOf(venueText);
        if (venue == null)
        {
            return Rejection.UNKNOWN_VENUE;
        }
        if (symbolText == null && channel.symbolRequired())
        {
            return Rejection.MISSING_FIELD;
        }
        return null;
    }

    private byte[] knownField()
    {
        if (cursor.tokenEquals(OP))
        {
            return OP;
        }
        if (cursor.tokenEquals(CHANNEL))
        {
            return CHANNEL;
        }
        if (cursor.tokenEquals(VENUE))
        {
            return VENUE;
        }
        return cursor.tokenEquals(SYMBOL) ? SYMBOL : null;
    }

    private void store(final byte[] field, final String text)
    {
        if (field == OP)
        {
            opText = text;
        }
        else if (field == CHANNEL)
        {
            channelText = text;
        }
        else if (field == VENUE)
        {
            venueText = text;
        }
        else
        {
            symbolText = text;
        }
    }

    private static ControlOp opOf(final String text)
    {
        for (final ControlOp candidate : ControlOp.values())
        {
            if (candidate.name().equalsIgnoreCase(text))
            {
                return candidate;
            }
        }
        return null;
    }

    private static Venue venueOf(final String text)
    {
        for (final Venue candidate : VENUES)
        {
            if (candidate != Venue.NULL_VAL && candidate.name().equalsIgnoreCase(text))
            {
                return candidate;
            }
        }
        return null;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
