package zvt.crypto.ops.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import zvt.crypto.core.counters.CounterFamily;
import zvt.crypto.core.counters.CountersRegistry;

/**
 * Exports every counter of the node's {@link CountersRegistry} at scrape time, one loop over the registry: each family
 * becomes a Prometheus counter or gauge, each counter a series. Counters of one family with the same label values
 * (several causes behind one public reason) are summed into one series.
 */
final class CountersCollector implements MultiCollector
{
    private final CountersRegistry counters;

    CountersCollector(final CountersRegistry counters)
    {
        this.counters = counters;
    }

    public MetricSnapshots collect()
    {
        final Map<CounterFamily, Map<List<String>, Long>> families = new LinkedHashMap<>();
        counters.forEach((family, labelValues, value) ->
            families.computeIfAbsent(family, key -> new LinkedHashMap<>()).merge(labelValues, value, Long::sum));
        final MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        families.forEach((family, series) -> snapshots.metricSnapshot(snapshot(family, series)));
        return snapshots.build();
    }

    private static MetricSnapshot snapshot(final CounterFamily family, final Map<List<String>, Long> series)
    {
        if (family.kind() == CounterFamily.Kind.COUNTER)
        {
            final CounterSnapshot.Builder counter = CounterSnapshot.builder().name(family.name()).help(family.help());
            series.forEach((labelValues, value) -> counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of(family.labelNames(), labelValues)).value(value).build()));
            return counter.build();
        }
        final GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(family.name()).help(family.help());
        series.forEach((labelValues, value) -> gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
            .labels(Labels.of(family.labelNames(), labelValues)).value(value).build()));
        return gauge.build();
    }
}
