/**
 * The venue simulator: {@link zvt.crypto.feed.simulator.BinanceSimulator} is a real Netty server that speaks Binance
 * spot's WebSocket streams (trade, aggTrade, bookTicker, diff depth, klines; combined and raw; live control requests)
 * and REST market data (depth snapshot, exchangeInfo, klines, request weights) on one port. It either generates a
 * seeded synthetic market whose ground-truth books tests can query at any recent update id, or replays recorded
 * files ({@link zvt.crypto.feed.simulator.ReplaySource}); faults ({@link zvt.crypto.feed.simulator.SimulatorFaults})
 * are injected on demand and every one is recorded ({@link zvt.crypto.feed.simulator.FaultLog}). For tests, the demo
 * and load runs. The {@code rest} sub-package holds the REST-only venue simulators of the kline backfill.
 */
package zvt.crypto.feed.simulator;
