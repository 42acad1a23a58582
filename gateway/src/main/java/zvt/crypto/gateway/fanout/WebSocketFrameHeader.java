package zvt.crypto.gateway.fanout;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Writes the header of an unfragmented, unmasked WebSocket text or binary frame (RFC 6455 section 5.2).
 * Server-to-client frames carry no mask, so one framed buffer can go to every subscriber as it is.
 * <pre>
 *   0x81 (FIN, opcode 1 = text) or 0x82 (FIN, opcode 2 = binary)
 *     | length: 7 bits, or 126 + 16-bit, or 127 + 64-bit, big-endian | payload
 * </pre>
 */
public final class WebSocketFrameHeader
{
    /** Longest header: 2 bytes plus the 64-bit extended length. */
    public static final int MAX_HEADER_LENGTH = 10;

    private static final int FIN_TEXT = 0x81;
    private static final int FIN_BINARY = 0x82;
    private static final int MAX_7_BIT_LENGTH = 125;
    private static final int MAX_16_BIT_LENGTH = 0xFFFF;
    private static final int LENGTH_16_BIT = 126;
    private static final int LENGTH_64_BIT = 127;

    private WebSocketFrameHeader()
    {
    }

    /**
     * Frames a payload rendered at {@link #MAX_HEADER_LENGTH} in the buffer by writing its header just before it, so
     * the frame needs no copy.
     *
     * @return the frame's offset; it ends where the payload does.
     */
    public static int frameInPlace(final MutableDirectBuffer buffer, final int payloadLength, final boolean binary)
    {
        final int frameOffset = MAX_HEADER_LENGTH - headerLength(payloadLength);
        putHeader(buffer, frameOffset, payloadLength, binary);
        return frameOffset;
    }

    static int headerLength(final int payloadLength)
    {
        if (payloadLength <= MAX_7_BIT_LENGTH)
        {
            return 2;
        }
        return payloadLength <= MAX_16_BIT_LENGTH ? 4 : MAX_HEADER_LENGTH;
    }

    /** @return the header length written at {@code offset}. */
    static int putHeader(
        final MutableDirectBuffer buffer, final int offset, final int payloadLength, final boolean binary)
    {
        buffer.putByte(offset, (byte)(binary ? FIN_BINARY : FIN_TEXT));
        if (payloadLength <= MAX_7_BIT_LENGTH)
        {
            buffer.putByte(offset + 1, (byte)payloadLength);
            return 2;
        }
        if (payloadLength <= MAX_16_BIT_LENGTH)
        {
            buffer.putByte(offset + 1, (byte)LENGTH_16_BIT);
            buffer.putShort(offset + 2, (short)payloadLength, ByteOrder.BIG_ENDIAN);
            return 4;
        }
        buffer.putByte(offset + 1, (byte)LENGTH_64_BIT);
        buffer.putLong(offset + 2, payloadLength, ByteOrder.BIG_ENDIAN);
        return MAX_HEADER_LENGTH;
    }
}
