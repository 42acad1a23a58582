package zvt.crypto.ops.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import zvt.crypto.persistence.writer.DbWriterStatus;

/**
 * Why the node is not ready, for the gateway's {@code /api/v1/crypto/ready} (the gateway adds stale subscribed
 * books): the journal directory not writable or short of space, the database unreachable, or its writer lagging
 * behind the journal beyond {@code ready.db.lag.ms}. A database still starting is not a reason: the journal keeps
 * everything meanwhile.
 */
final class NodeReadiness
{
    private final Path journalDir;
    private final long minFreeBytes;
    private final NodeDatabase database;
    private final long maxLagNanos;

    NodeReadiness(final Path journalDir, final long minFreeBytes, final NodeDatabase database, final long maxLagMs)
    {
        this.journalDir = journalDir;
        this.minFreeBytes = minFreeBytes;
        this.database = database;
        this.maxLagNanos = TimeUnit.MILLISECONDS.toNanos(maxLagMs);
    }

    /** @return every reason the node is not ready; empty when it is. */
    List<String> reasons()
    {
        final List<String> reasons = new ArrayList<>();
        journalReason(reasons);
        final DbWriterStatus status = database == null ? null : database.status();
        if (status != null)
        {
            if (!status.connected())
            {
                reasons.add("database unreachable (the journal keeps everything until it is back)");
            }
            else if (status.lagNanos() > maxLagNanos)
            {
                reasons.add("database writer " + TimeUnit.NANOSECONDS.toMillis(status.lagNanos()) +
                    " ms behind the journal (limit " + TimeUnit.NANOSECONDS.toMillis(maxLagNanos) + " ms)");
            }
        }
        return reasons;
    }

    private void journalReason(final List<String> reasons)
    {
        if (!Files.isWritable(journalDir))
        {
            reasons.add("journal directory " + journalDir + " is not writable");
            return;
        }
        try
        {
            final long free = Files.getFileStore(journalDir).getUsableSpace();
            if (free < minFreeBytes)
            {
                reasons.add("journal disk has " + free / (1024 * 1024) + " MiB free (at least " +
                    minFreeBytes / (1024 * 1024) + " MiB needed)");
            }
        }
        catch (final IOException ex)
        {
            reasons.add("journal disk space unknown: " + ex.getMessage());
        }
    }
}
