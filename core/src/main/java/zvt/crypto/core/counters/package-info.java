/**
 * The node's one counters registry: Agrona counters allocated at start-up with their metric name, help and labels,
 * recorded on the hot path without allocation or locks, read at scrape time by {@code /metrics}, {@code /health} and
 * the periodic counters log line.
 */
package zvt.crypto.core.counters;
