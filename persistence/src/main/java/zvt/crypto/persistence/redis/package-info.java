/**
 * Redis, written two ways, neither of which can hold up the ring:
 * <ul>
 *   <li>state: a ring consumer ({@link zvt.crypto.persistence.redis.RedisStateHandler}) keeps each instrument's
 *       latest trade, top of book, top-N book and forming 1m candle as JSON, conflated per ring batch, and hands the
 *       changed instruments through a bounded JCTools queue to a flusher thread
 *       ({@link zvt.crypto.persistence.redis.RedisStateFlusher}) that writes them into one hash per instrument;</li>
 *   <li>streams: a journal sink ({@link zvt.crypto.persistence.redis.RedisStreamSink}) appends every journal entry
 *       to a capped stream per venue, its journal index as the entry id, so readers (a remote gateway) resume from
 *       the last id they saw and the sink resumes from the last id it wrote.</li>
 * </ul>
 * {@link zvt.crypto.persistence.redis.RedisWriter} starts both. Redis being down stops neither the pipeline nor
 * the journal: state is rewritten on reconnect and the stream sink re-reads the journal after its checkpoint.
 */
package zvt.crypto.persistence.redis;
