package zvt.crypto.ops.tools;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.EventJsonRenderer;
import zvt.crypto.journal.JournalEventListener;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Prints journal events as JSON lines (the same JSON the gateway sends) to a stream. Used by {@code journal dump}
 * and {@code replay}.
 */
final class JsonLinesPrinter implements JournalEventListener
{
    private final EventJsonRenderer renderer;
    private final ExpandableArrayBuffer line = new ExpandableArrayBuffer(4096);
    private final OutputStream out;
    private long printed;

    JsonLinesPrinter(final InstrumentRegistry instruments, final OutputStream out)
    {
        this.renderer = new EventJsonRenderer(instruments);
        this.out = out;
    }

    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
    {
        final int written = renderer.render(buffer, offset, index, line, 0);
        if (written == 0)
        {
            return;
        }
        line.putByte(written, (byte)'\n');
        try
        {
            out.write(line.byteArray(), 0, written + 1);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        printed++;
    }

    long printed()
    {
        return printed;
    }
}
