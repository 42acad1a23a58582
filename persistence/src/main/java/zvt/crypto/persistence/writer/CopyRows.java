package zvt.crypto.persistence.writer;

import java.sql.SQLException;

import org.agrona.DirectBuffer;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Rows for a COPY, appended column by column and sent in the format the COPY statement names: text
 * ({@link CopyRowBuffer}) or binary ({@link BinaryCopyRowBuffer}). The same calls build a row in either format.
 *
 * @param <T> the implementing type, returned by the appenders so they chain.
 */
public interface CopyRows<T extends CopyRows<T>>
{
    /** A text column from bytes already in the server's encoding, needing no escaping (cached names). */
    T raw(byte[] value);

    /** A text column copied from ASCII bytes in another buffer. */
    T ascii(DirectBuffer source, int offset, int length);

    /** A text column made of one ASCII byte and a number, e.g. {@code j1234}. */
    T prefixedNumber(byte prefix, long value);

    /** A BIGINT column. */
    T number(long value);

    /** A TIMESTAMPTZ column from epoch microseconds. */
    T timestampMicros(long epochMicros);

    /** A NUMERIC column holding exactly {@code mantissa * 10^exponent}. */
    T decimal(long mantissa, int exponent);

    T bool(boolean value);

    T nullValue();

    void endRow();

    int rows();

    void reset();

    /** Sends every row to an open COPY. */
    void writeTo(CopyIn copyIn) throws SQLException;

    /**
     * Runs {@code copySql} ({@code COPY ... FROM STDIN} in this format) with every row.
     *
     * @return the rows the server took.
     */
    default long copyInto(final CopyManager copyManager, final String copySql) throws SQLException
    {
        final CopyIn copyIn = copyManager.copyIn(copySql);
        try
        {
            writeTo(copyIn);
            return copyIn.endCopy();
        }
        finally
        {
            if (copyIn.isActive())
            {
                copyIn.cancelCopy();
            }
        }
    }
}
