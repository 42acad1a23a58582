package zvt.crypto.ops.tools;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Buffered standard output for the JSON-lines tools. A reader that stops early ({@code zvt journal dump | head})
 * closes the pipe: the next write fails with a broken pipe, reported as {@link ReaderGone} so the tool can end
 * quietly, as {@code cat} would. Any other write failure (a full disk) stays an error.
 */
final class StandardOutput extends FilterOutputStream
{
    StandardOutput()
    {
        super(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    }

    public void write(final byte[] bytes, final int offset, final int length)
    {
        try
        {
            out.write(bytes, offset, length);
        }
        catch (final IOException ex)
        {
            throw failure(ex);
        }
    }

    public void flush()
    {
        try
        {
            out.flush();
        }
        catch (final IOException ex)
        {
            throw failure(ex);
        }
    }

    public void close()
    {
        try
        {
            out.close();
        }
        catch (final IOException ex)
        {
            throw failure(ex);
        }
    }

    private static RuntimeException failure(final IOException ex)
    {
        // EPIPE's text: the JDK reports no error code.
        return "Broken pipe".equalsIgnoreCase(ex.getMessage()) ? new ReaderGone(ex) :
            new UncheckedIOException("cannot write to standard output", ex);
    }

    /** Nobody reads standard output any more: stop writing and end without a message. */
    static final class ReaderGone extends RuntimeException
    {
        ReaderGone(final IOException cause)
        {
            super("standard output closed by its reader", cause, false, false);
        }
    }
}
