/**
 * JMH suites and load harnesses; peers measured side by side.
 */
package zvt.crypto.bench;
