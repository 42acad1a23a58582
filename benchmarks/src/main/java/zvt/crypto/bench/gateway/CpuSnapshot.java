package zvt.crypto.bench.gateway;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the whole process and, within it, of the load generator's own threads (the pacer and the HTTP client's
 * event loop), so what the server side costs per request can be told apart from what measuring it costs.
 */
record CpuSnapshot(long processNs, long clientNs)
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static CpuSnapshot take()
    {
        long clientNs = 0;
        for (final ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds()))
        {
            if (thread != null && isClient(thread.getThreadName()))
            {
                clientNs += Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return new CpuSnapshot(((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime(), clientNs);
    }

    CpuSnapshot minus(final CpuSnapshot before)
    {
        return new CpuSnapshot(processNs - before.processNs, clientNs - before.clientNs);
    }

    private static boolean isClient(final String name)
    {
        return name.equals("main") || name.startsWith("http-client");
    }
}
