package zvt.crypto.gateway.ws;

import io.netty.buffer.ByteBuf;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.gateway.Rejection;
import zvt.crypto.gateway.fanout.SubscriptionKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Decodes one control message with core's {@link JsonCursor}, e.g.
 * <pre>
 *   {"op":"subscribe","channel":"trades","venue":"BINANCE","symbol":"BTC-USDT"}
 *   {"op":"subscribe","resume_from":4810317045760,"subscriptions":[{"channel":"trades","venue":"OKX","symbol":"*"}]}
 *   {"op":"replay","channel":"top","venue":"BYBIT","symbol":"BTC-USDT","from":"2026-12-04T01:00:00Z","speed":10}
 * </pre>
 * A request names its subscriptions ({@link Target}s) by its own {@code channel}, {@code venue} and {@code symbol},
 * by a {@code subscriptions} array of such objects, or both. Unknown fields are skipped, so clients may add their own
 * (a request id, say). After {@link #decode} the accessors describe the request; {@link #echo()} is the target to
 * quote in an error.
 * <p>
 * Not thread-safe: one per session, used on its event loop. Control messages are rare and rate-limited, so the
 * decoded texts are plain Strings.
 */
final class ControlRequestDecoder
{
    /** {@link #resumeFrom()} when the request has none. */
    static final long NO_RESUME = -1;
    /** {@link #toNanos()} when the request has no end. */
    static final long NO_END = Long.MAX_VALUE;

    /** One channel, venue and symbol a request names, as sent, and as understood once valid. */
    static final class Target
    {
        String channelText;
        String venueText;
        String symbolText;
        /** A {@code book} view's depth; 0 for the full book with its deltas. */
        int depth;
        boolean badDepth;
        /** A {@code candle} subscription's one interval; null for every interval. */
        CandleInterval interval;
        boolean badInterval;
        SubscriptionChannel channel;
        Venue venue;

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

        int depth()
        {
            return depth;
        }

        CandleInterval interval()
        {
            return interval;
        }

        boolean isEmpty()
        {
            return channelText == null && venueText == null && symbolText == null && depth == 0 && !badDepth &&
                interval == null && !badInterval;
        }
    }

    private static final byte[] OP = ascii("op");
    private static final byte[] CHANNEL = ascii("channel");
    private static final byte[] VENUE = ascii("venue");
    private static final byte[] SYMBOL = ascii("symbol");
    private static final byte[] SUBSCRIPTIONS = ascii("subscriptions");
    private static final byte[] RESUME_FROM = ascii("resume_from");
    private static final byte[] FROM = ascii("from");
    private static final byte[] TO = ascii("to");
    private static final byte[] SPEED = ascii("speed");
    private static final byte[] DEPTH = ascii("depth");
    private static final byte[] FULL = ascii("full");
    private static final byte[] INTERVAL = ascii("interval");
    private static final Venue[] VENUES = Venue.values();

    private final JsonCursor cursor = new JsonCursor();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final List<Target> targets = new ArrayList<>();
    private String opText;
    private ControlOp op;
    private Target echo;
    private long resumeFrom;
    private long fromNanos;
    private long toNanos;
    private boolean hasFrom;
    private double speed;

    /**
     * @return null if the message is a well-formed request, else why it is not.
     */
    Rejection decode(final ByteBuf content)
    {
        opText = null;
        op = null;
        echo = null;
        targets.clear();
        resumeFrom = NO_RESUME;
        fromNanos = 0;
        toNanos = NO_END;
        hasFrom = false;
        speed = 0;
        final Rejection malformed = readRequest(content);
        return malformed != null ? malformed : interpret();
    }

    ControlOp op()
    {
        return op;
    }

    String opText()
    {
        return opText;
    }

    /** The subscriptions the request names, in the order given. */
    List<Target> targets()
    {
        return targets;
    }

    /** The target to quote in an error about the request: the first invalid one, else the first; null if none. */
    Target echo()
    {
        return echo != null ? echo : targets.isEmpty() ? null : targets.get(0);
    }

    /** Marks the target an error is about, for {@link #echo()}. */
    void echo(final Target target)
    {
        this.echo = target;
    }

    /** The last journal index the client holds ({@code resume_from}), or {@link #NO_RESUME}. */
    long resumeFrom()
    {
        return resumeFrom;
    }

    /** Start of a replay's range by receive time, epoch nanoseconds. */
    long fromNanos()
    {
        return fromNanos;
    }

    /** End (exclusive) of a replay's range, or {@link #NO_END}. */
    long toNanos()
    {
        return toNanos;
    }

    /** A replay's speed factor over the recorded pace; 0 for as fast as the client reads. */
    double speed()
    {
        return speed;
    }

    private Rejection readRequest(final ByteBuf content)
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
        final Target own = new Target();
        targets.add(own);
        int token;
        while ((token = cursor.next()) == JsonCursor.FIELD_NAME)
        {
            final Rejection invalid = readField(own);
            if (invalid != null)
            {
                return invalid;
            }
        }
        if (own.isEmpty())
        {
            targets.remove(own);
        }
        return token == JsonCursor.END_OBJECT && cursor.next() == JsonCursor.END ? null : Rejection.BAD_JSON;
    }

    /** Reads the value of the field the cursor is at, into the request or its own target. */
    private Rejection readField(final Target own)
    {
        if (cursor.tokenEquals(OP))
        {
            return (opText = stringValue()) == null ? Rejection.BAD_JSON : null;
        }
        if (cursor.tokenEquals(SUBSCRIPTIONS))
        {
            return readSubscriptions();
        }
        if (cursor.tokenEquals(RESUME_FROM))
        {
            cursor.next();
            resumeFrom = integerValue();
            return resumeFrom < 0 ? Rejection.BAD_VALUE : null;
        }
        if (cursor.tokenEquals(FROM))
        {
            hasFrom = true;
            cursor.next();
            fromNanos = timeValue();
            return fromNanos == Long.MIN_VALUE ? Rejection.BAD_VALUE : null;
        }
        if (cursor.tokenEquals(TO))
        {
            cursor.next();
            toNanos = timeValue();
            return toNanos == Long.MIN_VALUE ? Rejection.BAD_VALUE : null;
        }
        if (cursor.tokenEquals(SPEED))
        {
            return readSpeed();
        }
        return readTargetField(own);
    }

    /** A field of a target, or any other field, which is skipped. */
    private Rejection readTargetField(final Target target)
    {
        if (cursor.tokenEquals(DEPTH))
        {
            final int token = cursor.next();
            final long depth = token == JsonCursor.STRING && cursor.tokenEquals(FULL) ? 0 : integerValue();
            target.depth = (int)Math.min(depth, Integer.MAX_VALUE);
            target.badDepth = depth < 0 || (depth > 0 && SubscriptionKey.bookDepthTemplateId((int)depth) < 0);
            return null;
        }
        if (cursor.tokenEquals(INTERVAL))
        {
            final String text = stringValue();
            target.interval = text == null ? null : intervalOf(text);
            target.badInterval = target.interval == null;
            return null;
        }
        final int kind = cursor.tokenEquals(CHANNEL) ? 1 : cursor.tokenEquals(VENUE) ? 2 :
            cursor.tokenEquals(SYMBOL) ? 3 : 0;
        if (kind == 0)
        {
            final int value = cursor.next();
            return value == JsonCursor.ERROR || !cursor.skipValue() ? Rejection.BAD_JSON : null;
        }
        final String text = stringValue();
        if (text == null)
        {
            return Rejection.BAD_JSON;
        }
        switch (kind)
        {
            case 1 -> target.channelText = text;
            case 2 -> target.venueText = text;
            default -> target.symbolText = text;
        }
        return null;
    }

    private Rejection readSubscriptions()
    {
        if (cursor.next() != JsonCursor.BEGIN_ARRAY)
        {
            return Rejection.BAD_JSON;
        }
        int token;
        while ((token = cursor.next()) == JsonCursor.BEGIN_OBJECT)
        {
            final Target target = new Target();
            targets.add(target);
            int field;
            while ((field = cursor.next()) == JsonCursor.FIELD_NAME)
            {
                final Rejection invalid = readTargetField(target);
                if (invalid != null)
                {
                    return invalid;
                }
            }
            if (field != JsonCursor.END_OBJECT)
            {
                return Rejection.BAD_JSON;
            }
        }
        return token == JsonCursor.END_ARRAY ? null : Rejection.BAD_JSON;
    }

    private Rejection readSpeed()
    {
        if (cursor.next() != JsonCursor.NUMBER)
        {
            return Rejection.BAD_VALUE;
        }
        try
        {
            speed = Double.parseDouble(tokenText());
        }
        catch (final NumberFormatException ex)
        {
            return Rejection.BAD_VALUE;
        }
        return speed >= 0 && !Double.isInfinite(speed) ? null : Rejection.BAD_VALUE;
    }

    /** @return the string value that follows, or null if the value is not a string. */
    private String stringValue()
    {
        return cursor.next() == JsonCursor.STRING ? tokenText() : null;
    }

    /** @return the integer in hand (a number, or a string of digits), or -1 if it is not a non-negative integer. */
    private long integerValue()
    {
        final int token = cursor.token();
        if (token != JsonCursor.NUMBER && token != JsonCursor.STRING)
        {
            return -1;
        }
        final long value = cursor.tokenAsLong();
        return value == Long.MIN_VALUE ? -1 : value;
    }

    /**
     * @return the time in hand, ISO-8601 text or epoch milliseconds (a number, or a string of digits), in epoch
     * nanoseconds; {@code Long.MIN_VALUE} if it is neither.
     */
    private long timeValue()
    {
        final long millis = integerValue();
        if (millis >= 0)
        {
            return millis > Long.MAX_VALUE / 1_000_000 ? Long.MIN_VALUE : TimeUnit.MILLISECONDS.toNanos(millis);
        }
        if (cursor.token() != JsonCursor.STRING)
        {
            return Long.MIN_VALUE;
        }
        try
        {
            final Instant instant = Instant.parse(tokenText());
            return Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L) + instant.getNano();
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            return Long.MIN_VALUE;
        }
    }

    private String tokenText()
    {
        return buffer.getStringWithoutLengthAscii(cursor.tokenOffset(), cursor.tokenLength());
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
        if (op == ControlOp.PING || op == ControlOp.STOP_REPLAY)
        {
            return null;
        }
        if (targets.isEmpty() || (op == ControlOp.REPLAY && !hasFrom))
        {
            return Rejection.MISSING_FIELD;
        }
        if ((resumeFrom != NO_RESUME && op != ControlOp.SUBSCRIBE) || toNanos <= fromNanos)
        {
            return Rejection.BAD_VALUE;
        }
        for (final Target target : targets)
        {
            final Rejection invalid = interpret(target);
            if (invalid != null)
            {
                echo = target;
                return invalid;
            }
        }
        return null;
    }

    private static Rejection interpret(final Target target)
    {
        if (target.channelText == null || target.venueText == null)
        {
            return Rejection.MISSING_FIELD;
        }
        target.channel = SubscriptionChannel.ofName(target.channelText);
        if (target.channel == null)
        {
            return Rejection.UNKNOWN_CHANNEL;
        }
        target.venue = venueOf(target.venueText);
        if (target.venue == null)
        {
            return Rejection.UNKNOWN_VENUE;
        }
        if (target.symbolText == null && target.channel.symbolRequired())
        {
            return Rejection.MISSING_FIELD;
        }
        if (target.badDepth || (target.depth != 0 && target.channel != SubscriptionChannel.BOOK))
        {
            return Rejection.BAD_DEPTH;
        }
        if (target.badInterval || (target.interval != null && target.channel != SubscriptionChannel.CANDLE))
        {
            return Rejection.BAD_INTERVAL;
        }
        return null;
    }

    /** @return the interval of a short name ({@code 1m}, {@code 1h}) or an enum name ({@code M1}), or null. */
    private static CandleInterval intervalOf(final String text)
    {
        try
        {
            final CandleInterval interval = CandleIntervals.parse(text);
            return interval == CandleInterval.NULL_VAL ? null : interval;
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
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
