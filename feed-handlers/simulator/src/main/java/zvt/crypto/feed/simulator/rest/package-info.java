/**
 * The REST side of the venue simulator: a real Netty HTTP/1.1 server ({@link
 * zvt.crypto.feed.simulator.rest.RestSimulator}) that mounts {@link zvt.crypto.feed.simulator.rest.RestRoute}s, here
 * each venue's kline API over a seeded synthetic candle series, with deterministic fault injection (429 with
 * Retry-After, 5xx, slow answers, dropped connections) and an optional server-side weight budget, so REST clients
 * and the backfill loader are tested against real sockets.
 */
package zvt.crypto.feed.simulator.rest;
