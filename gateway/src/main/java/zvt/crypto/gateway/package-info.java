/**
 * Stage 3, fan-out to subscribers: the Netty WebSocket/HTTP server, subscriptions, the ring consumer that renders each event once and writes it to every subscribed session.
 */
package zvt.crypto.gateway;
