package zvt.crypto.gateway;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the node's metrics in the Prometheus text format: what {@code GET /metrics} on the gateway port answers.
 * Called on a REST query thread per scrape, never on an event loop.
 */
@FunctionalInterface
public interface MetricsSource
{
    String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    void writeTo(OutputStream out) throws IOException;
}
