/**
 * The REST API under {@code /api/v1/crypto} on the gateway's port: {@link zvt.crypto.gateway.rest.RestApi} matches
 * each GET to one route; memory routes (health, ready, instruments, openapi.json) answer on the event loop; the
 * database routes (ohlcv, trades), journal/stats and the live book run on a small pool of query threads. The OpenAPI 3
 * document, a resource next to these classes, names exactly the routes here (RestApiTest checks). Settled candles are
 * kept rendered in {@code CandleCache}, so most ohlcv answers are byte copies.
 */
package zvt.crypto.gateway.rest;
