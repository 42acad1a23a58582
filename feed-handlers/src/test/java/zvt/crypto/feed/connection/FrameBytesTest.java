package zvt.crypto.feed.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameBytesTest
{
    private static final String TEXT = "{\"e\":\"trade\",\"s\":\"BTCUSDT\"}";

    private final FrameBytes frameBytes = new FrameBytes();

    @Test
    void shouldViewTheMemoryOfADirectNetworkBufferWithoutCopying()
    {
        final ByteBuf direct = ByteBufAllocator.DEFAULT.directBuffer(64);
        try
        {
            direct.writeBytes("xx".getBytes(StandardCharsets.US_ASCII)).writeBytes(bytes()).readerIndex(2);
            assertTrue(direct.hasMemoryAddress(), "the default allocator's direct buffers expose their address");

            final UnsafeBuffer view = frameBytes.wrap(direct);

            assertEquals(direct.memoryAddress() + 2, view.addressOffset());
            assertEquals(TEXT, view.getStringWithoutLengthAscii(0, direct.readableBytes()));
        }
        finally
        {
            direct.release();
        }
    }

    @Test
    void shouldViewTheArrayOfAHeapBufferWithoutCopying()
    {
        final ByteBuf heap = Unpooled.wrappedBuffer(bytes());

        final UnsafeBuffer view = frameBytes.wrap(heap);

        assertSame(heap.array(), view.byteArray());
        assertEquals(TEXT, view.getStringWithoutLengthAscii(0, heap.readableBytes()));
    }

    @Test
    void shouldCopyACompositeOfFragmentsIntoOneContiguousView()
    {
        final byte[] bytes = bytes();
        final CompositeByteBuf composite = Unpooled.compositeBuffer()
            .addComponent(true, Unpooled.wrappedBuffer(bytes, 0, 10))
            .addComponent(true, Unpooled.directBuffer().writeBytes(bytes, 10, bytes.length - 10));
        try
        {
            final UnsafeBuffer view = frameBytes.wrap(composite);

            assertNotSame(bytes, view.byteArray());
            assertEquals(TEXT, view.getStringWithoutLengthAscii(0, composite.readableBytes()));
        }
        finally
        {
            composite.release();
        }
    }

    private static byte[] bytes()
    {
        return TEXT.getBytes(StandardCharsets.US_ASCII);
    }
}
