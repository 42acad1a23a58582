/**
 * The ring consumer that feeds WebSocket sessions: {@link zvt.crypto.gateway.fanout.FanoutEventHandler} runs after
 * the journal, renders each subscribed event to JSON once, frames it once, and writes the same pooled bytes to every
 * subscribed session. Subscription changes arrive from Netty event loops through
 * {@link zvt.crypto.gateway.fanout.SubscriptionCommandQueue}, so the registry itself is confined to the ring thread.
 */
package zvt.crypto.gateway.fanout;
