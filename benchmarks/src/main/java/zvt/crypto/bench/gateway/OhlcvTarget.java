package zvt.crypto.bench.gateway;

/** What the open-loop load sends a query to: the gateway over HTTP, or the queries directly. */
interface OhlcvTarget extends AutoCloseable
{
    /**
     * Sends the query without blocking the caller (the pacer must keep its schedule); the answer, or its failure, is
     * reported to {@code results} from whichever thread receives it.
     *
     * @param intendedNs when the schedule meant the query to start ({@link System#nanoTime()}): latency runs from
     *                   here, so a query held up behind a slow one is charged for the wait (coordinated omission).
     */
    void issue(OhlcvQuery query, long intendedNs, LoadResults results);

    String name();
}
