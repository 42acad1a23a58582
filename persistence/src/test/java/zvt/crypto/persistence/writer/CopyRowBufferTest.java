package zvt.crypto.persistence.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.candle.DecimalSum;

class CopyRowBufferTest
{
    private static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC);

    @Test
    void shouldFormatTimestampsExactlyAsUtcTextForAnyMicrosecond()
    {
        final Random random = new Random(7);
        final CopyRowBuffer buffer = new CopyRowBuffer(64);
        for (int i = 0; i < 100_000; i++)
        {
            final long micros = i < 3 ? new long[] {0, 951_782_400_000_000L, 4_107_542_399_999_999L}[i] :
                (random.nextLong() & Long.MAX_VALUE) % 4_102_444_800_000_000L; // 1970 .. 2100
            buffer.reset();
            buffer.timestampMicros(micros).endRow();
            assertEquals(FORMAT.format(Instant.ofEpochSecond(0, micros * 1000)) + "\n", text(buffer));
        }
    }

    @Test
    void shouldEscapeCopySpecialBytesAndWriteNullsAndDecimals()
    {
        final CopyRowBuffer buffer = new CopyRowBuffer(8);
        final byte[] id = "a\tb\\c\nd".getBytes(StandardCharsets.US_ASCII);
        buffer.ascii(new UnsafeBuffer(id), 0, id.length).nullValue().decimal(-1234, -3).bool(true)
            .prefixedNumber((byte)'j', 42).endRow();
        assertEquals("a\\tb\\\\c\\nd\t\\N\t-1.234\tt\tj42\n", text(buffer));
        assertEquals(1, buffer.rows());
    }

    @Test
    void shouldWriteByteaAsEscapedHexAndSumsExactly()
    {
        final CopyRowBuffer buffer = new CopyRowBuffer(4);
        final byte[] bytes = {0x00, (byte)0xAB, 0x7F, (byte)0x80};
        final DecimalSum sum = new DecimalSum().addProduct(Long.MAX_VALUE, -8, Long.MAX_VALUE, -8).add(1, -20);
        buffer.bytea(new UnsafeBuffer(bytes), 0, bytes.length).decimal(sum).endRow();
        assertEquals("\\\\x00ab7f80\t" + sum.toBigDecimal().toPlainString() + "\n", text(buffer));
    }

    private static String text(final CopyRowBuffer buffer)
    {
        return buffer.toString();
    }
}
