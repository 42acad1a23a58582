/**
 * The venue simulator's venue-neutral core. A {@link zvt.crypto.feed.simulator.VenueSimulator} is a real Netty
 * server on one port over a {@link zvt.crypto.feed.simulator.SimulatedMarket}: seeded
 * {@link zvt.crypto.feed.simulator.SyntheticSymbol}s whose ground-truth books tests can query at any recent update
 * id, emitting neutral events ({@link zvt.crypto.feed.simulator.MarketListener}: trades, book change batches, best
 * bid/ask; {@link zvt.crypto.feed.simulator.CandleBar} candles) to the venue's
 * {@link zvt.crypto.feed.simulator.WireEncoder}, which writes that venue's JSON once per event; or replaying recorded
 * files ({@link zvt.crypto.feed.simulator.ReplaySource}). Each connection is a
 * {@link zvt.crypto.feed.simulator.SimulatorSession} (HTTP routing, frames in) with a
 * {@link zvt.crypto.feed.simulator.SessionWriter} (framing, batching, message faults) and the venue's
 * {@link zvt.crypto.feed.simulator.VenueSession} (paths, control messages, keepalive). Faults
 * ({@link zvt.crypto.feed.simulator.SimulatorFaults}) are injected on demand and every one is recorded
 * ({@link zvt.crypto.feed.simulator.FaultLog}). Each venue's protocol lives in its sub-package ({@code binance},
 * {@code okx}, {@code bybit}, {@code coinbase}); {@link zvt.crypto.feed.simulator.VenueSimulators} launches several.
 * The {@code rest} sub-package holds the REST-only venue simulators of the kline backfill. For tests, the demo and
 * load runs; no production package of the node depends on this module.
 */
package zvt.crypto.feed.simulator;
