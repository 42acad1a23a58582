package zvt.crypto.ops.metrics;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * A scrape's counters and gauges as JSON fields, {@code "<name>":[{"labels":{...},"value":v}, ...]}: what the web
 * page's node view reads. Counters carry {@code _total} as in the text format, so both spellings name a sample alike.
 * Summaries (latencies) are left to Prometheus.
 */
final class MetricsJson
{
    private static final String TOTAL = "_total";

    private MetricsJson()
    {
    }

    static void write(final MetricSnapshots snapshots, final JsonGenerator json) throws IOException
    {
        for (final MetricSnapshot snapshot : snapshots)
        {
            final String name = snapshot.getMetadata().getPrometheusName();
            if (snapshot instanceof CounterSnapshot counter)
            {
                json.writeArrayFieldStart(name + TOTAL);
                for (final CounterSnapshot.CounterDataPointSnapshot point : counter.getDataPoints())
                {
                    sample(json, point, point.getValue());
                }
                json.writeEndArray();
            }
            else if (snapshot instanceof GaugeSnapshot gauge)
            {
                json.writeArrayFieldStart(name);
                for (final GaugeSnapshot.GaugeDataPointSnapshot point : gauge.getDataPoints())
                {
                    sample(json, point, point.getValue());
                }
                json.writeEndArray();
            }
        }
    }

    private static void sample(final JsonGenerator json, final DataPointSnapshot point, final double value)
        throws IOException
    {
        json.writeStartObject();
        json.writeObjectFieldStart("labels");
        for (final Label label : point.getLabels())
        {
            json.writeStringField(label.getName(), label.getValue());
        }
        json.writeEndObject();
        json.writeNumberField("value", value);
        json.writeEndObject();
    }
}
