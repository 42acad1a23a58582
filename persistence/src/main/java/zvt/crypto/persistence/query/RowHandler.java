package zvt.crypto.persistence.query;

/**
 * Takes a query's rows one at a time, in order, as the driver reads them: a caller that only renders rows keeps no
 * list of them. Whatever it throws ends the query and reaches the caller.
 *
 * @param <R> the row.
 * @param <E> what handling a row may throw (an {@code IOException} for a writer; nothing checked for a list).
 */
@FunctionalInterface
public interface RowHandler<R, E extends Exception>
{
    void onRow(R row) throws E;
}
