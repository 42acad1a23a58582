/**
 * The Netty WebSocket and HTTP server: {@link zvt.crypto.gateway.ws.GatewayServer} binds it, the channel pipeline
 * upgrades {@code /ws} to WebSocket and hands every other HTTP request to the REST API, and one session handler per
 * connection speaks the JSON control protocol (subscribe, with resume_from or a depth; unsubscribe; replay; ping;
 * docs/PROTOCOL.md), enforces the per-session limits, forwards subscription changes to the fan-out and starts
 * journal replays.
 */
package zvt.crypto.gateway.ws;
