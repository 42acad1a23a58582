package zvt.crypto.ops.load;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;

/**
 * What the JVM spent between two {@link #sample() samples}: process CPU time (every thread, the JIT and GC included),
 * CPU and allocated bytes per thread group, and GC collections with their accumulated time. The harness runs the
 * simulators and the subscribers in the node's JVM, so their threads are split out by name: what remains is the
 * node's (with the JIT and GC, which the process figure includes and per-thread figures do not). Beside the JVM, the
 * CPU of the PostgreSQL and Redis servers on this machine ({@link ServerCpu}), which work for the node's sinks.
 */
public final class ProcessCost
{
    public static final String SIMULATORS = "simulators";
    public static final String SUBSCRIBERS = "subscribers";
    public static final String NODE = "node";
    /** Thread name prefix of the subscribers' event loop. */
    public static final String SUBSCRIBER_THREAD = "load-subscriber";

    private static final int BUSIEST_THREADS = 12;
    private static final OperatingSystemMXBean OS =
        (OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = (ThreadMXBean)ManagementFactory.getThreadMXBean();

    private final long wallNanos;
    private final long processCpuNanos;
    private final Map<Long, ThreadSample> threads;
    private final Map<String, long[]> collectors;
    private final Map<String, Long> servers;

    private record ThreadSample(String name, String group, long cpuNanos, long allocatedBytes)
    {
    }

    private ProcessCost(
        final long wallNanos,
        final long processCpuNanos,
        final Map<Long, ThreadSample> threads,
        final Map<String, long[]> collectors,
        final Map<String, Long> servers)
    {
        this.wallNanos = wallNanos;
        this.processCpuNanos = processCpuNanos;
        this.threads = threads;
        this.collectors = collectors;
        this.servers = servers;
    }

    public static ProcessCost sample()
    {
        final Map<Long, ThreadSample> threads = new LinkedHashMap<>();
        final long[] ids = THREADS.getAllThreadIds();
        final long[] cpu = THREADS.getThreadCpuTime(ids);
        final long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        final ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++)
        {
            if (infos[i] != null && cpu[i] >= 0)
            {
                threads.put(ids[i], new ThreadSample(
                    infos[i].getThreadName(), group(infos[i].getThreadName()), cpu[i], allocated[i]));
            }
        }
        final Map<String, long[]> collectors = new LinkedHashMap<>();
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            collectors.put(collector.getName(),
                new long[]{collector.getCollectionCount(), collector.getCollectionTime()});
        }
        return new ProcessCost(System.nanoTime(), OS.getProcessCpuTime(), threads, collectors, ServerCpu.sample());
    }

    private static String group(final String threadName)
    {
        if (threadName.contains("simulator"))
        {
            return SIMULATORS;
        }
        return threadName.startsWith(SUBSCRIBER_THREAD) ? SUBSCRIBERS : NODE;
    }

    /**
     * The window from this sample to {@code end} as JSON-ready values. CPU and allocation of threads that started or
     * ended inside the window count from their first to their last sample.
     *
     * @param events events the node journaled in the window, for the per-event figures.
     */
    public Map<String, Object> until(final ProcessCost end, final long events)
    {
        final double seconds = (end.wallNanos - wallNanos) / 1e9;
        final double millions = events / 1e6;
        final Map<String, Long> cpuByGroup = new LinkedHashMap<>();
        final Map<String, Long> allocatedByGroup = new LinkedHashMap<>();
        final List<ThreadSample> inWindow = new ArrayList<>();
        for (final Map.Entry<Long, ThreadSample> entry : end.threads.entrySet())
        {
            final ThreadSample last = entry.getValue();
            final ThreadSample first = threads.get(entry.getKey());
            final ThreadSample delta = new ThreadSample(last.name(), last.group(),
                last.cpuNanos() - (first == null ? 0 : first.cpuNanos()),
                last.allocatedBytes() - (first == null ? 0 : first.allocatedBytes()));
            inWindow.add(delta);
            cpuByGroup.merge(delta.group(), delta.cpuNanos(), Long::sum);
            allocatedByGroup.merge(delta.group(), delta.allocatedBytes(), Long::sum);
        }
        final long processCpu = end.processCpuNanos - processCpuNanos;
        final long outsideNode = cpuByGroup.getOrDefault(SIMULATORS, 0L) + cpuByGroup.getOrDefault(SUBSCRIBERS, 0L);
        final Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("windowSeconds", round(seconds));
        cost.put("events", events);
        cost.put("processCpuSeconds", round(processCpu / 1e9));
        cost.put("processCpuSecondsPerMillionEvents", events == 0 ? null : round(processCpu / 1e9 / millions));
        // The JIT and GC are in the process figure but in no thread group: count them as the node's.
        final long nodeCpu = processCpu - outsideNode;
        cost.put("nodeCpuSecondsPerMillionEvents", events == 0 ? null : round(nodeCpu / 1e9 / millions));
        cost.put("nodeCpuMicrosPerEvent", events == 0 ? null : round(nodeCpu / 1e3 / events));
        // The node's Java threads alone: without the JIT still compiling and the GC, which a short run pays for.
        final long nodeThreads = cpuByGroup.getOrDefault(NODE, 0L);
        cost.put("nodeThreadsCpuMicrosPerEvent", events == 0 ? null : round(nodeThreads / 1e3 / events));
        cost.put("processCoreShare", round(processCpu / 1e9 / seconds));
        final Map<String, Object> serverSeconds = new LinkedHashMap<>();
        long serversCpu = 0;
        for (final Map.Entry<String, Long> server : end.servers.entrySet())
        {
            final long used = server.getValue() - servers.getOrDefault(server.getKey(), 0L);
            serversCpu += used;
            serverSeconds.put(server.getKey(), round(used / 1e9));
        }
        cost.put("localServersCpuSeconds", serverSeconds);
        cost.put("nodeAndLocalServersCpuMicrosPerEvent",
            events == 0 ? null : round((nodeCpu + serversCpu) / 1e3 / events));
        final Map<String, Object> groups = new LinkedHashMap<>();
        for (final Map.Entry<String, Long> entry : cpuByGroup.entrySet())
        {
            final long bytes = allocatedByGroup.getOrDefault(entry.getKey(), 0L);
            final Map<String, Object> group = new LinkedHashMap<>();
            group.put("cpuSeconds", round(entry.getValue() / 1e9));
            group.put("allocatedMBPerSecond", round(bytes / 1e6 / seconds));
            group.put("allocatedBytesPerEvent", events == 0 ? null : round((double)bytes / events));
            groups.put(entry.getKey(), group);
        }
        cost.put("threads", groups);
        final List<Object> busiest = new ArrayList<>();
        inWindow.sort(Comparator.comparingLong(ThreadSample::cpuNanos).reversed());
        for (final ThreadSample thread : inWindow.subList(0, Math.min(BUSIEST_THREADS, inWindow.size())))
        {
            final Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", thread.name());
            one.put("coreShare", round(thread.cpuNanos() / 1e9 / seconds));
            one.put("allocatedMBPerSecond", round(thread.allocatedBytes() / 1e6 / seconds));
            busiest.add(one);
        }
        cost.put("busiestThreads", busiest);
        final Map<String, Object> gc = new LinkedHashMap<>();
        for (final Map.Entry<String, long[]> entry : end.collectors.entrySet())
        {
            final long[] first = collectors.getOrDefault(entry.getKey(), new long[2]);
            final Map<String, Object> collector = new LinkedHashMap<>();
            collector.put("collections", entry.getValue()[0] - first[0]);
            collector.put("millis", entry.getValue()[1] - first[1]);
            gc.put(entry.getKey(), collector);
        }
        cost.put("gc", gc);
        return cost;
    }

    /** Three decimals, for the reports. */
    public static double round(final double value)
    {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
