package zvt.crypto.persistence.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import zvt.crypto.core.test.Tests;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.persistence.TcpProxy;
import zvt.crypto.persistence.TestSchema;

/**
 * The acceptance outage test: the database becomes unreachable during a steady stream (a loopback proxy between
 * writer and PostgreSQL closes every connection and refuses new ones — standing for "PostgreSQL stopped for 60 s";
 * {@code -Dzvt.test.outage.seconds=60} runs exactly that, CI uses 3 s). The stream and the journal keep going, the
 * writer retries with backoff, catches up when the database is back, and nothing is lost or written twice.
 */
class DbWriterOutageTest
{
    private static final long OUTAGE_SECONDS = Long.getLong("zvt.test.outage.seconds", 3);

    @TempDir
    Path journalDir;

    @Test
    void shouldKeepTheFeedGoingAndCatchUpWithNothingLostAfterAnOutage() throws Exception
    {
        try (TestSchema schema = TestSchema.migrated();
            TcpProxy proxy = new TcpProxy(5432);
            Journal journal = Journal.open(new JournalContext().directory(journalDir)))
        {
            final String proxiedUrl = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test";
            try (DbWriter writer = DbWriter.start(new DbWriterContext()
                .journal(journal)
                .database(schema.context(proxiedUrl))
                .retryBackoff(Duration.ofMillis(50), Duration.ofSeconds(1))))
            {
                final SyntheticStream stream = new SyntheticStream(journal, 0, 3_000);
                Tests.await(() -> writer.status().rowsWritten() > 1_000, Duration.ofSeconds(10),
                    () -> "writer never wrote: " + writer.status());

                proxy.cut();
                Tests.await(() -> !writer.status().connected(), Duration.ofSeconds(10),
                    () -> "writer did not notice the outage: " + writer.status());
                final long committedAtCut = writer.status().committedIndex();
                final long journaledAtCut = stream.journaled();
                Thread.sleep(OUTAGE_SECONDS * 1_000);
                final long journaledDuringOutage = stream.journaled() - journaledAtCut;
                assertEquals(committedAtCut, writer.status().committedIndex(), "nothing commits while down");
                assertFalse(writer.status().connected());
                assertTrue(writer.status().lagEntries() > 0, "lag is visible: " + writer.status());
                assertTrue(journaledDuringOutage > OUTAGE_SECONDS * 2_000,
                    "the feed kept going into the journal: " + journaledDuringOutage);

                proxy.restore();
                final long restoredAt = System.nanoTime();
                stream.close();
                assertTrue(writer.awaitCaughtUp(Duration.ofSeconds(20)), "writer caught up: " + writer.status());
                System.out.println("outage test: " + OUTAGE_SECONDS + " s outage, " + journaledDuringOutage +
                    " events journaled meanwhile, caught up " + (System.nanoTime() - restoredAt) / 1_000_000 +
                    " ms after the database came back; failures seen " + writer.status().failures() +
                    "; trades published " + stream.published() + ", rows " +
                    schema.queryLong("SELECT count(*) FROM crypto_trades"));
                assertEquals(stream.published(), schema.queryLong("SELECT count(*) FROM crypto_trades"));
                assertEquals(stream.published(),
                    schema.queryLong("SELECT count(DISTINCT (entity_id, trade_id)) FROM crypto_trades"));
            }
        }
    }
}
