package zvt.crypto.persistence.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import zvt.crypto.persistence.TestSchema;

/** Binary COPY rows read back by the real PostgreSQL exactly as the values that were written. */
class BinaryCopyRowBufferTest
{
    @Test
    void shouldLoadEveryValueExactlyIntoPostgres() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(5);
        final BinaryCopyRowBuffer rows = new BinaryCopyRowBuffer(16);
        final List<String> expected = new ArrayList<>();
        final long[] edgeMantissas = {0, 1, -1, 9_999, 10_000, 99_999_999, Long.MAX_VALUE, -Long.MAX_VALUE};
        final int[] edgeExponents = {0, -1, -4, -5, -8, -18, 1, 3, 4, 7};
        final UnsafeBuffer ascii = new UnsafeBuffer("a\tb\\c".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 20_000; i++)
        {
            final long mantissa = i < 80 ? edgeMantissas[i % edgeMantissas.length] :
                random.nextLong() >> random.nextInt(64);
            final int exponent = i < 80 ? edgeExponents[i / edgeMantissas.length] : random.nextInt(-18, 11);
            final long micros = random.nextLong(0, 4_102_444_800_000_000L);
            rows.decimal(mantissa, exponent).timestampMicros(micros).prefixedNumber((byte)'j', i);
            if (i % 3 == 0)
            {
                rows.nullValue();
            }
            else
            {
                rows.ascii(ascii, 0, ascii.capacity());
            }
            rows.bool(i % 2 == 0).number(-i).raw("BTC-USDT".getBytes(StandardCharsets.US_ASCII)).endRow();
            expected.add(String.join("|", new BigDecimal(BigInteger.valueOf(mantissa), -exponent)
                .toPlainString(), Instant.ofEpochSecond(0, micros * 1000).toString(), "j" + i,
                i % 3 == 0 ? "null" : "a\tb\\c", Boolean.toString(i % 2 == 0), Long.toString(-i), "BTC-USDT"));
        }

        try (TestSchema schema = TestSchema.migrated(); Connection connection = schema.context().connect();
            Statement statement = connection.createStatement())
        {
            statement.execute("CREATE TABLE t (n numeric, ts timestamptz, id varchar, s text, b boolean, i bigint," +
                " sym varchar(64))");
            final CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY t FROM STDIN (FORMAT binary)");
            rows.writeTo(copyIn);
            assertEquals(20_000, copyIn.endCopy());

            final List<String> loaded = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SELECT n::text, ts, id, s, b, i, sym FROM t ORDER BY -i"))
            {
                while (result.next())
                {
                    loaded.add(String.join("|", result.getString(1),
                        result.getObject(2, OffsetDateTime.class).toInstant().toString(), result.getString(3),
                        String.valueOf(result.getString(4)), Boolean.toString(result.getBoolean(5)),
                        Long.toString(result.getLong(6)), result.getString(7)));
                }
            }
            assertEquals(expected, loaded);
        }
    }
}
