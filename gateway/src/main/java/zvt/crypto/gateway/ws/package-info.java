/**
 * The Netty WebSocket and HTTP server: {@link zvt.crypto.gateway.ws.GatewayServer} binds it, the channel pipeline
 * upgrades {@code /ws} to WebSocket and hands every other HTTP request to the REST API, and one session handler per
 * connection speaks the JSON control protocol (subscribe, unsubscribe, ping; docs/PROTOCOL.md), enforces the
 * per-session limits and forwards subscription changes to the fan-out.
 */
package zvt.crypto.gateway.ws;
