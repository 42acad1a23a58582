package zvt.crypto.gateway.fanout;

import java.util.concurrent.CompletableFuture;

/**
 * A request for the node's current book of one instrument, answered on the fan-out thread (the only one that may
 * read the books) with the JSON of a {@code book_snapshot}, or null when the book is not good (no snapshot yet, or
 * stale after a gap). Made by the REST API's {@code book} route.
 *
 * @param depth levels per side at most; {@link Integer#MAX_VALUE} for the whole book.
 */
record BookQuery(int instrumentId, int venueCode, int depth, CompletableFuture<String> result)
{
}
