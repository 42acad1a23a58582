/**
 * Stage 3, fan-out to subscribers. {@link zvt.crypto.gateway.GatewayContext} configures it and
 * {@link zvt.crypto.gateway.GatewayCounters} reports on it; {@code ws} holds the Netty WebSocket/HTTP server and the
 * per-session control protocol, {@code fanout} the ring consumer that renders each event once and writes the same
 * bytes to every subscribed session.
 */
package zvt.crypto.gateway;
