/**
 * Stage 3, serving subscribers. {@link zvt.crypto.gateway.GatewayContext} configures it and
 * {@link zvt.crypto.gateway.GatewayCounters} reports on it; {@code ws} holds the Netty WebSocket/HTTP server and the
 * per-session control protocol, {@code fanout} the ring consumer that keeps the books and renders each event once
 * for every subscribed session, {@code replay} the journal reads behind {@code resume_from} and {@code replay} (off
 * the ring, then handed to the fan-out), {@code rest} the REST API on the same port, {@code web} the web page (a
 * client of the public protocol and REST API only) and its files, served from the classpath.
 */
package zvt.crypto.gateway;
