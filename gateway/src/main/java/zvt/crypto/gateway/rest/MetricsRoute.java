package zvt.crypto.gateway.rest;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.HttpResponseStatus;
import zvt.crypto.gateway.MetricsSource;

/**
 * {@code metrics}: the node's metrics as JSON, the same samples {@code /metrics} serves to Prometheus (one registry,
 * read at request time), for the web page's node view. Runs on a query thread: some gauges read the disk.
 */
final class MetricsRoute implements RestRoute
{
    private final MetricsSource metrics;

    MetricsRoute(final MetricsSource metrics)
    {
        this.metrics = metrics;
    }

    public String template()
    {
        return RestApi.PREFIX + "/metrics";
    }

    public boolean blocking()
    {
        return true;
    }

    public void write(final RestRequest request, final JsonGenerator body) throws RestException, IOException
    {
        if (metrics == null)
        {
            throw new RestException(HttpResponseStatus.NOT_FOUND, "this gateway exports no metrics");
        }
        body.writeStartObject();
        body.writeObjectFieldStart("metrics");
        metrics.writeJson(body);
        body.writeEndObject();
        body.writeEndObject();
    }
}
