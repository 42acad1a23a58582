package zvt.crypto.gateway.rest;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import zvt.crypto.persistence.query.CandleRow;
import zvt.crypto.persistence.query.RowHandler;

/**
 * Fills the answer's open {@code candles} array from two kinds of pieces: byte ranges of cached blocks, copied past
 * the generator into its output stream, and bars read now, written through the generator. The generator puts commas
 * only between the bars it writes itself, so this adds the ones it cannot know about.
 */
final class CandleArrayWriter implements RowHandler<CandleRow, IOException>
{
    private final JsonGenerator body;
    private boolean copied;
    private boolean rendered;

    /** @param body positioned inside the open array; it must write to an {@link OutputStream}. */
    CandleArrayWriter(final JsonGenerator body)
    {
        this.body = body;
    }

    /** Copies bars {@code [from, to)} of a block; none if {@code from == to}. */
    void copy(final CandleBlock block, final int from, final int to) throws IOException
    {
        if (from == to)
        {
            return;
        }
        final OutputStream out = flushed();
        if (copied || rendered)
        {
            out.write(',');
        }
        block.writeTo(out, from, to);
        copied = true;
    }

    public void onRow(final CandleRow row) throws IOException
    {
        if (copied && !rendered)
        {
            flushed().write(',');
        }
        rendered = true;
        CandleJson.write(body, row);
    }

    /** @return the generator's stream, with everything the generator buffered already in it. */
    private OutputStream flushed() throws IOException
    {
        body.flush();
        return (OutputStream)body.getOutputTarget();
    }
}
