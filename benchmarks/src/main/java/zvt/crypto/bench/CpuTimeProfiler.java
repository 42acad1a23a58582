package zvt.crypto.bench;

import com.sun.management.OperatingSystemMXBean;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Operations per second of CPU time the benchmark JVM used ({@code cpu.ops}), beside JMH's per second of wall time,
 * and the share of one core the JVM got ({@code cpu.share}). On a shared machine other jobs take the core away for
 * part of an iteration, which lowers ops per wall second but not ops per CPU second: the CPU figure is the
 * "messages per second per core" a throughput target means. It counts every thread of the fork (JIT and GC too, so
 * it errs low) and is only as good as the OS accounting. Use: {@code -prof zvt.crypto.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler
{
    private final OperatingSystemMXBean os = (OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
    private long cpuStartNanos;
    private long wallStartNanos;

    public String getDescription()
    {
        return "operations per CPU-second of the benchmark JVM, and its share of a core";
    }

    public void beforeIteration(final BenchmarkParams benchmarkParams, final IterationParams iterationParams)
    {
        wallStartNanos = System.nanoTime();
        cpuStartNanos = os.getProcessCpuTime();
    }

    public List<Result> afterIteration(
        final BenchmarkParams benchmarkParams, final IterationParams iterationParams, final IterationResult result)
    {
        final long cpuNanos = os.getProcessCpuTime() - cpuStartNanos;
        final long wallNanos = System.nanoTime() - wallStartNanos;
        final long ops = result.getMetadata().getMeasuredOps();
        return List.of(
            new ScalarResult("cpu.ops", ops * 1e9 / Math.max(1, cpuNanos), "ops/cpu-s", AggregationPolicy.AVG),
            new ScalarResult("cpu.share", (double)cpuNanos / Math.max(1, wallNanos), "cores", AggregationPolicy.AVG));
    }
}
