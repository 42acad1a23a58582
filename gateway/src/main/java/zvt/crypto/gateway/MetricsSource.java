package zvt.crypto.gateway;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The node's metrics, read from one registry in two spellings: the Prometheus text format {@code GET /metrics}
 * answers, and the same samples as JSON for the web page's node view ({@code GET /api/v1/crypto/metrics}). Called on
 * a REST query thread per request, never on an event loop.
 */
public interface MetricsSource
{
    String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    void writeTo(OutputStream out) throws IOException;

    /**
     * Writes the node's own metrics (not the JVM's) as fields of the object being written:
     * {@code "<name>":[{"labels":{...},"value":<number>}, ...]}, counters named with {@code _total} as in the text.
     */
    void writeJson(JsonGenerator json) throws IOException;
}
