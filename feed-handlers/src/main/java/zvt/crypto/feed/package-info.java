/**
 * Stage 1, exchange bytes to ring: Netty WebSocket/REST clients per venue, frame adapters that decode straight into
 * ring slots, and the venue simulator. {@code connection} holds what every venue shares, one package per venue
 * ({@code binance}, ...) holds its naming, adapters and feed, and {@code simulator} the venue stand-ins.
 */
package zvt.crypto.feed;
