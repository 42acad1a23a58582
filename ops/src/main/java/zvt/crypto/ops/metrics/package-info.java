/**
 * The node's metrics: one registry ({@link zvt.crypto.ops.metrics.NodeMetrics}) that reads the pipeline's own
 * counters at scrape time (nothing on the hot path allocates, locks or calls Prometheus code to record), plus the
 * JVM's, served at {@code /metrics} on the gateway port.
 */
package zvt.crypto.ops.metrics;
