package zvt.crypto.core.ring;

import com.lmax.disruptor.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.event.MarketEvent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the ring running when a consumer throws: counts every failure and logs each distinct kind once, so a
 * poison event cannot flood the log or stop the pipeline.
 */
final class LoggingExceptionHandler implements ExceptionHandler<MarketEvent>
{
    private static final Logger LOG = LoggerFactory.getLogger(LoggingExceptionHandler.class);

    private final AtomicLong count = new AtomicLong();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public void handleEventException(final Throwable ex, final long sequence, final MarketEvent event)
    {
        count.incrementAndGet();
        final StackTraceElement[] trace = ex.getStackTrace();
        if (seen.add(ex.getClass().getName() + ':' + (trace.length > 0 ? trace[0] : "")))
        {
            LOG.error("ring consumer failed at sequence {} (journal index {}); event skipped, logged once per kind",
                sequence, event == null ? -1 : event.journalIndex(), ex);
        }
    }

    public void handleOnStartException(final Throwable ex)
    {
        LOG.error("ring consumer failed to start", ex);
    }

    public void handleOnShutdownException(final Throwable ex)
    {
        LOG.error("ring consumer failed to shut down", ex);
    }

    long count()
    {
        return count.get();
    }
}
