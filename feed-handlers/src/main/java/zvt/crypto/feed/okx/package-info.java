/**
 * OKX v5 public market data on the venue seam: the adapter ({@link zvt.crypto.feed.okx.OkxAdapter}: symbols,
 * channels and endpoints, subscriptions, keepalive, the book rule, REST book snapshots and instruments), the frame
 * decoder ({@link zvt.crypto.feed.okx.OkxDecoder} over the one-pass {@link zvt.crypto.feed.okx.OkxPayload}) and the
 * CRC32 book checksum ({@link zvt.crypto.feed.okx.OkxBookChecksum}).
 */
package zvt.crypto.feed.okx;
