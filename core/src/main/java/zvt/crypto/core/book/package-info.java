/**
 * Price-level order books: {@link zvt.crypto.core.book.OrderBook} (primitive, exact, with a stale flag) and
 * {@link zvt.crypto.core.book.OrderBookEventHandler}, which maintains the books of every instrument from BookUpdate
 * and VenueStatus events so that no consumer serves a stale book as good.
 */
package zvt.crypto.core.book;
