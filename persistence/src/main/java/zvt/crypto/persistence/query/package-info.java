/**
 * The reads behind the gateway's REST API: candles, trades and the latest book snapshot over a time range.
 */
package zvt.crypto.persistence.query;
