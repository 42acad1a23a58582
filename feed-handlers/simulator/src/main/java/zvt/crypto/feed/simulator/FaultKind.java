package zvt.crypto.feed.simulator;

/** What the simulator did wrong on purpose (or, for {@link #BACKPRESSURE_DROP}, had to do to a slow client). */
public enum FaultKind
{
    /** A message was not sent to one connection. */
    DROP,
    /** A message was sent twice in a row to one connection. */
    DUPLICATE,
    /** A message was sent after the next message of the same connection instead of before it. */
    REORDER,
    /** A book message carried a wrong checksum (OKX); every subscriber of the stream received it. */
    CORRUPT_CHECKSUM,
    /** A message was replaced by a truncated, invalid JSON frame (the original is lost). */
    MALFORMED,
    /** A book snapshot a venue sends on subscribe (OKX) was not sent: the client must fetch one over REST. */
    OMITTED_SNAPSHOT,
    /** The simulator closed every connection abruptly. */
    DISCONNECT,
    /** The market stopped sending for a while (nothing lost, just late). */
    STALL,
    /** A {@code serverShutdown} event was sent. */
    SERVER_SHUTDOWN,
    /** A REST request was answered 429 with Retry-After. */
    REST_429,
    /** A REST request was answered with a 5xx. */
    REST_5XX,
    /** A depth snapshot was answered late. */
    SLOW_SNAPSHOT,
    /** A message was not sent because the connection's outbound buffer was full (a slow client). */
    BACKPRESSURE_DROP,
    /** Messages written to a connection were not delivered because it closed first (a batch's write failed). */
    LOST_IN_FLIGHT
}
