package zvt.crypto.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * The files of a journal directory: how many Chronicle cycle files, and the size of them all. Chronicle pre-allocates
 * cycle files in blocks (sparse on Linux), so the size is the space reserved rather than the bytes written.
 */
public record JournalFiles(int cycleFiles, long bytesOnDisk)
{
    /** Lists the directory now. */
    public static JournalFiles in(final Path directory)
    {
        int cycleFiles = 0;
        long bytes = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory))
        {
            for (final Path file : files)
            {
                if (Files.isRegularFile(file))
                {
                    bytes += Files.size(file);
                    if (file.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
                    {
                        cycleFiles++;
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list journal directory " + directory, ex);
        }
        return new JournalFiles(cycleFiles, bytes);
    }
}
