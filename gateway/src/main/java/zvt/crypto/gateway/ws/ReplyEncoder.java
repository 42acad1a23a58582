package zvt.crypto.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.agrona.ExpandableArrayBuffer;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.json.JsonWriter;
import zvt.crypto.gateway.Rejection;
import zvt.crypto.journal.replay.ReplayResult;

import java.util.Locale;

/**
 * Spells the gateway's replies to control messages as JSON text frames:
 * <pre>
 *   {"type":"subscribed","channel":"trades","venue":"BINANCE","symbol":"BTC-USDT","instrumentId":1}
 *   {"type":"subscribed","channel":"trades","venue":"BINANCE","symbol":"*","instrumentId":0}
 *   {"type":"unsubscribed", ...same fields}
 *   {"type":"replaying", ...same fields}
 *   {"type":"replay_end","reason":"end_of_range","messages":1234,"lastJournalIndex":4810317045760}
 *   {"type":"pong"}
 *   {"type":"error","code":"unknown_symbol","reason":"...","op":...,"channel":...,"venue":...,"symbol":...}
 * </pre>
 * An error echoes whichever request fields were readable. Not thread-safe: one per session.
 */
final class ReplyEncoder
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final JsonWriter json = new JsonWriter();

    TextWebSocketFrame pong(final ByteBufAllocator allocator)
    {
        json.wrap(buffer, 0).beginObject().field("type", "pong").endObject();
        return frame(allocator);
    }

    /**
     * @param instrument the subscribed instrument, or null for a venue-wide subscription.
     */
    TextWebSocketFrame subscription(
        final ByteBufAllocator allocator,
        final String type,
        final ControlRequestDecoder.Target target,
        final Instrument instrument)
    {
        final SubscriptionChannel channel = target.channel();
        json.wrap(buffer, 0).beginObject()
            .field("type", type)
            .field("channel", channel.label())
            .field("venue", target.venue().name());
        if (instrument != null)
        {
            json.field("symbol", instrument.symbol());
        }
        else if (channel.symbolRequired())
        {
            json.field("symbol", ClientSessionHandler.WILDCARD);
        }
        json.field("instrumentId", instrument == null ? 0 : instrument.id());
        if (target.depth() != 0)
        {
            json.field("depth", target.depth());
        }
        if (target.interval() != null)
        {
            json.field("interval", CandleIntervals.shortName(target.interval()));
        }
        json.endObject();
        return frame(allocator);
    }

    /**
     * The end of a range replay: why, how many messages it sent, and the journal index of the last (-1 if none).
     */
    TextWebSocketFrame replayEnd(
        final ByteBufAllocator allocator, final ReplayResult.End end, final long messages, final long lastIndex)
    {
        json.wrap(buffer, 0).beginObject()
            .field("type", "replay_end")
            .field("reason", end.name().toLowerCase(Locale.ROOT))
            .field("messages", messages)
            .field("lastJournalIndex", lastIndex)
            .endObject();
        return frame(allocator);
    }

    /**
     * @param request the decoder holding the refused request's fields, or null if it was not read at all.
     */
    TextWebSocketFrame error(
        final ByteBufAllocator allocator, final Rejection rejection, final ControlRequestDecoder request)
    {
        json.wrap(buffer, 0).beginObject()
            .field("type", "error")
            .field("code", rejection.code())
            .field("reason", rejection.reason());
        if (request != null)
        {
            echo("op", request.opText());
            final ControlRequestDecoder.Target target = request.echo();
            if (target != null)
            {
                echo("channel", target.channelText());
                echo("venue", target.venueText());
                echo("symbol", target.symbolText());
            }
        }
        json.endObject();
        return frame(allocator);
    }

    private void echo(final String name, final String value)
    {
        if (value != null)
        {
            json.field(name, value);
        }
    }

    private TextWebSocketFrame frame(final ByteBufAllocator allocator)
    {
        final int length = json.position();
        final ByteBuf content = allocator.buffer(length, length);
        content.writeBytes(buffer.byteArray(), 0, length);
        return new TextWebSocketFrame(content);
    }
}
