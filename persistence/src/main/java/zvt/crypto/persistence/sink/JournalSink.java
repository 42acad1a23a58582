package zvt.crypto.persistence.sink;

import zvt.crypto.journal.JournalEventListener;

/**
 * A destination that a {@link SinkTailer} fills from the journal: it turns entries into its own batch
 * ({@link #onEvent}) and commits that batch together with a checkpoint, the index of the last entry the destination
 * now holds. After a restart or a failure the tailer asks for the checkpoint ({@link #resume()}) and reads on after
 * it, so a sink whose commit is atomic with its checkpoint writes every entry exactly once.
 * <p>
 * Every method runs on the tailer's thread. A method that throws makes the tailer drop the batch and the
 * connection ({@link #disconnect()}) and retry after a capped backoff; the journal keeps everything meanwhile.
 */
public interface JournalSink extends JournalEventListener
{
    /** A {@link #commit(long)} result: the batch was rolled back and must be read again after {@link #resume()}. */
    long REREAD = Long.MIN_VALUE;

    /** @return how logs and the tailer's thread name this sink. */
    String name();

    /** Called once on the tailer's thread before anything else. */
    default void onStart()
    {
    }

    /** Opens the connection to the destination. */
    void connect() throws Exception;

    /**
     * Reads the checkpoint (and any state committed with it) over the open connection.
     *
     * @return the index of the last entry the destination holds, or {@link zvt.crypto.journal.Journal#NO_INDEX} to
     * read the journal from its start.
     */
    long resume() throws Exception;

    /** @return items (rows, stream entries) batched since the last commit; the tailer commits at its batch limit. */
    int batched();

    /**
     * Writes the batch and its checkpoint, atomically where the destination allows, and starts a new batch.
     *
     * @param lastIndex the index of the last entry delivered.
     * @return the checkpoint committed: {@code lastIndex}, or an earlier index when the sink holds entries back
     * (an unfinished book snapshot), or {@link #REREAD}.
     */
    long commit(long lastIndex) throws Exception;

    /** Forgets the batch and anything assembled across entries; the tailer re-reads after the checkpoint next. */
    void discard();

    /** Closes the connection, quietly: the destination has already failed or the tailer is stopping. */
    void disconnect();
}
