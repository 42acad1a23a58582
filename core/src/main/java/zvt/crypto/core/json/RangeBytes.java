package zvt.crypto.core.json;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * Byte reads inside a range of a buffer that the caller bounds-checked once ({@link DirectBuffer#boundsCheck}),
 * instead of once per byte as {@link DirectBuffer#getByte} does: the parsers of venue text (numbers, ids, times,
 * symbols) read every byte of every field, and the per-byte check was a measurable part of decoding a frame.
 */
public final class RangeBytes
{
    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private RangeBytes()
    {
    }

    /** The byte at {@code index}, which must lie in a range already bounds-checked on this buffer. */
    public static byte get(final DirectBuffer buffer, final int index)
    {
        return UnsafeApi.getByte(buffer.byteArray(), buffer.addressOffset() + index);
    }

    /**
     * The four bytes from {@code index} as one little-endian int (the byte at {@code index} lowest), all of which
     * must lie in a range already bounds-checked on this buffer.
     */
    public static int getIntLittleEndian(final DirectBuffer buffer, final int index)
    {
        final int word = UnsafeApi.getInt(buffer.byteArray(), buffer.addressOffset() + index);
        return BIG_ENDIAN ? Integer.reverseBytes(word) : word;
    }

    /**
     * The eight bytes from {@code index} as one little-endian word (the byte at {@code index} lowest), all of which
     * must lie in a range already bounds-checked on this buffer.
     */
    public static long getLongLittleEndian(final DirectBuffer buffer, final int index)
    {
        final long word = UnsafeApi.getLong(buffer.byteArray(), buffer.addressOffset() + index);
        return BIG_ENDIAN ? Long.reverseBytes(word) : word;
    }
}
