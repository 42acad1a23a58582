/**
 * Stage 1, exchange bytes to ring: Netty WebSocket/REST clients per venue, frame adapters that decode straight into ring slots, and the venue simulator.
 */
package zvt.crypto.feed;
