package zvt.crypto.gateway.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;
import zvt.crypto.persistence.query.CandleRow;
import zvt.crypto.persistence.query.RowHandler;

/**
 * The stored bars of one instrument, interval and source whose open times fall in one block of time, rendered once as
 * the {@code ohlcv} route writes them, so a request is answered by copying a byte range. Immutable, so any thread may
 * read it once it is published (through the cache's map).
 * <pre>
 *   json:   {"openTime":...}|,|{"openTime":...}|,|{"openTime":...}
 *            ^ starts[0]         ^ starts[1]         ^ starts[2]        starts[3] = json.length + 1
 * </pre>
 * Bars {@code [i, j)} are {@code json[starts[i], starts[j] - 1)}: the commas between them come with the range.
 */
final class CandleBlock
{
    /** Rough cost of the object and its arrays beyond their elements, for the cache's byte budget. */
    private static final int OVERHEAD_BYTES = 96;

    private final long[] openTimesMicros;
    private final int[] starts;
    private final byte[] json;

    private CandleBlock(final long[] openTimesMicros, final int[] starts, final byte[] json)
    {
        this.openTimesMicros = openTimesMicros;
        this.starts = starts;
        this.json = json;
    }

    boolean isEmpty()
    {
        return openTimesMicros.length == 0;
    }

    /** @return the index of the first bar opening at or after {@code epochMicros}; the number of bars if none does. */
    int firstAtOrAfter(final long epochMicros)
    {
        final int found = Arrays.binarySearch(openTimesMicros, epochMicros);
        return found >= 0 ? found : -found - 1;
    }

    /** Writes bars {@code [from, to)}, comma-separated, with nothing before or after them. */
    void writeTo(final OutputStream out, final int from, final int to) throws IOException
    {
        out.write(json, starts[from], starts[to] - 1 - starts[from]);
    }

    /** What the block holds in memory, about. */
    int weight()
    {
        return OVERHEAD_BYTES + json.length + openTimesMicros.length * (Long.BYTES + Integer.BYTES) + Integer.BYTES;
    }

    /** Renders bars as a query hands them over, oldest first; {@link #build()} once they are all in. */
    static final class Builder implements RowHandler<CandleRow, IOException>
    {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        private final JsonGenerator generator;
        private final LongArrayList openTimesMicros = new LongArrayList();
        private final IntArrayList starts = new IntArrayList();

        Builder(final JsonFactory json) throws IOException
        {
            generator = json.createGenerator(out);
            // bars as a sequence of root values that the generator separates as it would inside the answer's array
            generator.setRootValueSeparator(new SerializedString(","));
        }

        public void onRow(final CandleRow row) throws IOException
        {
            final int separator = starts.isEmpty() ? 0 : 1;
            starts.addInt(out.size() + generator.getOutputBuffered() + separator);
            openTimesMicros.addLong(CandleCache.epochMicros(row.openTime()));
            CandleJson.write(generator, row);
        }

        CandleBlock build() throws IOException
        {
            generator.close();
            final byte[] json = out.toByteArray();
            starts.addInt(json.length + 1);
            return new CandleBlock(openTimesMicros.toLongArray(), starts.toIntArray(), json);
        }
    }
}
