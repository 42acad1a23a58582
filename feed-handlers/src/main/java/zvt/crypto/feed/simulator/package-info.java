/**
 * The venue simulator, first cut: {@link zvt.crypto.feed.simulator.BinanceSimulator} is a real Netty WebSocket server
 * that speaks Binance's stream protocol (combined and raw streams, live SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS,
 * pings) and generates a seeded, deterministic synthetic trade stream at a chosen rate, for tests, the demo and
 * load runs.
 */
package zvt.crypto.feed.simulator;
