/**
 * The ring consumer that feeds WebSocket sessions: {@link zvt.crypto.gateway.fanout.FanoutEventHandler} runs after
 * the journal, renders each subscribed event to JSON once, frames it once, and writes the same pooled bytes to every
 * subscribed session (by instrument, or by venue with {@code "symbol":"*"}).
 * {@link zvt.crypto.gateway.fanout.BookChannel} keeps every instrument's book there, so a book subscriber starts
 * from a snapshot consistent with the deltas after it. Subscription changes and book queries arrive from other
 * threads through bounded queues, so the registry and the books are confined to the ring thread.
 */
package zvt.crypto.gateway.fanout;
