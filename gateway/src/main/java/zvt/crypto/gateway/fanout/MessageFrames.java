package zvt.crypto.gateway.fanout;

import io.netty.buffer.ByteBuf;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The message the fan-out is sending, framed once per encoding its subscribers use, each frame a slice of the
 * pooled slab that every subscriber of that encoding gets a duplicate of:
 * <ul>
 *   <li>JSON, a text frame: always, rendered by the caller into the frame buffer;</li>
 *   <li>SBE, a binary frame, for sessions that asked for it: framed on first demand from the encoded event, the
 *       journal's own bytes, behind the journal index ({@link #putBinaryPayload}). Messages the gateway composes
 *       itself (book snapshots and status, {@code live}) have no encoded event and go to every session as JSON.</li>
 * </ul>
 * Fan-out thread only.
 */
public final class MessageFrames
{
    /** Binary payload: the journal index, little-endian, then the SBE message (header first). */
    public static final int JOURNAL_INDEX_LENGTH = Long.BYTES;

    private final FrameSlab slab;
    private final ExpandableArrayBuffer jsonBuffer;
    private final ExpandableArrayBuffer binaryBuffer = new ExpandableArrayBuffer(1024);
    private ByteBuf json;
    private ByteBuf binary;
    private DirectBuffer event;
    private int eventOffset;
    private int eventLength;
    private long journalIndex;

    /**
     * @param jsonBuffer where the caller renders the JSON, at {@link WebSocketFrameHeader#MAX_HEADER_LENGTH}.
     */
    MessageFrames(final FrameSlab slab, final ExpandableArrayBuffer jsonBuffer)
    {
        this.slab = slab;
        this.jsonBuffer = jsonBuffer;
    }

    /** Starts a message from the encoded event it renders, so sessions that want SBE can have it too. */
    void event(final DirectBuffer event, final int offset, final int length, final long journalIndex)
    {
        this.event = event;
        this.eventOffset = offset;
        this.eventLength = length;
        this.journalIndex = journalIndex;
    }

    /** Frames the JSON the caller rendered; the message is now ready to send. */
    void json(final int jsonLength)
    {
        final int frameOffset = WebSocketFrameHeader.frameInPlace(jsonBuffer, jsonLength, false);
        json = slice(jsonBuffer, frameOffset, WebSocketFrameHeader.MAX_HEADER_LENGTH + jsonLength - frameOffset);
    }

    /** @return a duplicate of the message's frame in the subscriber's encoding, for its outbox to own. */
    ByteBuf frameFor(final Subscriber subscriber)
    {
        if (!subscriber.binary() || event == null)
        {
            return json.retainedDuplicate();
        }
        if (binary == null)
        {
            final int payloadLength = putBinaryPayload(binaryBuffer, WebSocketFrameHeader.MAX_HEADER_LENGTH,
                event, eventOffset, eventLength, journalIndex);
            final int frameOffset = WebSocketFrameHeader.frameInPlace(binaryBuffer, payloadLength, true);
            binary = slice(binaryBuffer, frameOffset,
                WebSocketFrameHeader.MAX_HEADER_LENGTH + payloadLength - frameOffset);
        }
        return binary.retainedDuplicate();
    }

    /** Ends the message: the subscribers' duplicates keep the slab alive until written. */
    void release()
    {
        if (json != null)
        {
            json.release();
            json = null;
        }
        if (binary != null)
        {
            binary.release();
            binary = null;
        }
        event = null;
    }

    /**
     * Writes a binary message's payload: the journal index, then the event's SBE bytes.
     *
     * @return the payload's length.
     */
    public static int putBinaryPayload(
        final MutableDirectBuffer out,
        final int outOffset,
        final DirectBuffer event,
        final int offset,
        final int length,
        final long journalIndex)
    {
        out.putLong(outOffset, journalIndex, ByteOrder.LITTLE_ENDIAN);
        out.putBytes(outOffset + JOURNAL_INDEX_LENGTH, event, offset, length);
        return JOURNAL_INDEX_LENGTH + length;
    }

    private ByteBuf slice(final ExpandableArrayBuffer buffer, final int offset, final int length)
    {
        return slab.retainedSlice(slab.append(buffer.byteArray(), offset, length), length);
    }
}
