/**
 * OKX v5 public as the simulator speaks it: {@link zvt.crypto.feed.simulator.okx.OkxProtocol} (channels, public and
 * business paths), {@link zvt.crypto.feed.simulator.okx.OkxWireEncoder} (trades, books with seqId/prevSeqId and
 * {@link zvt.crypto.feed.simulator.okx.OkxChecksum}, bbo-tbt, tickers, candles),
 * {@link zvt.crypto.feed.simulator.okx.OkxSession} (subscribe acks per arg, errors, text ping) and
 * {@link zvt.crypto.feed.simulator.okx.OkxRestApi} ({@code /api/v5/market/books} with seqId, and
 * {@code /api/v5/public/instruments} with tick and lot sizes).
 */
package zvt.crypto.feed.simulator.okx;
