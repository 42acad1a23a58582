/**
 * A small venue-neutral HTTP/1.1 REST client on Netty for the non-hot side of the feed (order-book snapshots,
 * exchange info, historical klines): {@link zvt.crypto.feed.rest.RestClient} sends GET requests over {@code http://}
 * or {@code https://} (JDK TLS with SNI), with per-attempt timeouts, a per-venue request-weight
 * {@link zvt.crypto.feed.rest.RequestWeightLimiter}, and retries with capped exponential backoff and jitter on 429,
 * 418, 5xx and I/O errors, honouring {@code Retry-After}.
 */
package zvt.crypto.feed.rest;
