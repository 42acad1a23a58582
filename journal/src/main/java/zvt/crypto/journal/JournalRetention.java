package zvt.crypto.journal;

import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deletes cycle files older than the retention window. Chronicle reports every store it acquires; when the newest
 * cycle so far is acquired (an appender rolled, or the journal opened on a new day) the deletion runs on this class's
 * own short-lived thread, so neither the ring thread nor Chronicle's background thread does file I/O for it.
 * <p>
 * Deleting a file a reader still maps is safe on Linux: the mapping stays valid until the reader moves on.
 */
final class JournalRetention implements StoreFileListener, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalRetention.class);
    private static final long CLOSE_TIMEOUT_MS = 5_000;

    private final Path directory;
    private final int retentionCycles;
    private final AtomicInteger newestCycle = new AtomicInteger(Integer.MIN_VALUE);
    private final AtomicLong deletedFiles = new AtomicLong();
    private final ThreadPoolExecutor executor;
    private volatile SingleChronicleQueue queue;
    private volatile RollingResourcesCache fileNames;

    JournalRetention(final Path directory, final int retentionCycles)
    {
        this.directory = directory;
        this.retentionCycles = retentionCycles;
        executor = new ThreadPoolExecutor(
            1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), JournalRetention::newThread);
        executor.allowCoreThreadTimeOut(true);
    }

    /** Completes construction once Chronicle has built the queue this listener was registered with. */
    void attach(final SingleChronicleQueue queue)
    {
        fileNames = new RollingResourcesCache(
            queue.rollCycle(),
            queue.epoch(),
            name -> new File(directory.toFile(), name + SingleChronicleQueue.SUFFIX),
            file -> file.getName().substring(0, file.getName().length() - SingleChronicleQueue.SUFFIX.length()));
        this.queue = queue;
    }

    public void onAcquired(final int cycle, final File file)
    {
        int newest;
        do
        {
            newest = newestCycle.get();
            if (cycle <= newest)
            {
                return;
            }
        }
        while (!newestCycle.compareAndSet(newest, cycle));

        try
        {
            executor.execute(() -> deleteBefore(cycle));
        }
        catch (final RejectedExecutionException ex)
        {
            LOG.debug("journal closing; retention for cycle {} skipped", cycle);
        }
    }

    public void onReleased(final int cycle, final File file)
    {
    }

    /**
     * Deletes every cycle file older than the retention window ending at {@code currentCycle}.
     *
     * @return how many files were deleted.
     */
    synchronized int deleteBefore(final int currentCycle)
    {
        final SingleChronicleQueue queue = this.queue;
        if (queue == null || queue.isClosing())
        {
            return 0;
        }
        final long oldestKept = (long)currentCycle - retentionCycles + 1;
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SingleChronicleQueue.SUFFIX))
        {
            for (final Path file : files)
            {
                final long cycle = cycleOf(file);
                if (cycle != Long.MIN_VALUE && cycle < oldestKept && Files.deleteIfExists(file))
                {
                    deleted++;
                    LOG.info("journal retention ({} cycles): deleted {}", retentionCycles, file.toAbsolutePath());
                }
            }
        }
        catch (final IOException ex)
        {
            LOG.error("journal retention failed in {}; old cycles are kept", directory.toAbsolutePath(), ex);
        }
        if (deleted > 0)
        {
            deletedFiles.addAndGet(deleted);
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    long deletedFiles()
    {
        return deletedFiles.get();
    }

    public void close()
    {
        executor.shutdown();
        try
        {
            if (!executor.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                LOG.warn("journal retention still running after {} ms; closing anyway", CLOSE_TIMEOUT_MS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private long cycleOf(final Path file)
    {
        try
        {
            return fileNames.toLong(file.toFile());
        }
        catch (final RuntimeException ex)
        {
            return Long.MIN_VALUE; // not a cycle file of this roll cycle: never ours to delete
        }
    }

    private static Thread newThread(final Runnable task)
    {
        final Thread thread = new Thread(task, "journal-retention");
        thread.setDaemon(true);
        return thread;
    }
}
