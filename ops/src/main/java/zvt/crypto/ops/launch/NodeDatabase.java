package zvt.crypto.ops.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.latency.HopLatencies;
import zvt.crypto.journal.Journal;
import zvt.crypto.ops.config.NodeConfig;
import zvt.crypto.persistence.DatabaseContext;
import zvt.crypto.persistence.embedded.EmbeddedDatabase;
import zvt.crypto.persistence.query.MarketDataQueries;
import zvt.crypto.persistence.writer.DbWriter;
import zvt.crypto.persistence.writer.DbWriterContext;
import zvt.crypto.persistence.writer.DbWriterStatus;

/**
 * A node's database: the configured PostgreSQL/TimescaleDB ({@code db.url}), or, when none is configured, an
 * embedded PostgreSQL under {@code db.embedded.dir}; and the writer that tails the journal into it. The writer
 * migrates the schema on its own thread, so a node starts and journals even while its database is down.
 * The password comes from the environment ({@code ZVT_DB_PASSWORD}) or the file {@code db.password.file} names,
 * never from the config file.
 * <p>
 * Thread-safety: open and close from the node's owner thread; {@link #status()} from any.
 */
final class NodeDatabase implements AutoCloseable
{
    static final String PASSWORD_ENV = "ZVT_DB_PASSWORD";
    private static final Logger LOG = LoggerFactory.getLogger(NodeDatabase.class);

    private final Thread starter;
    private final Duration drainTimeout;
    private volatile EmbeddedDatabase embedded;
    private volatile DbWriter writer;
    private volatile MarketDataQueries queries;
    private volatile DatabaseContext context;

    private NodeDatabase(final Runnable start, final Duration drainTimeout)
    {
        this.drainTimeout = drainTimeout;
        starter = new Thread(start, "db-start");
        starter.setDaemon(true);
    }

    /**
     * Starts the database side in the background (an embedded server takes seconds to start; the feed must not
     * wait for it).
     *
     * @return the node's database, starting, or null when {@code db.enabled} is false.
     */
    static NodeDatabase open(
        final NodeConfig config, final Journal journal, final EpochNanoClock clock, final Map<String, String> env)
    {
        return open(config, journal, clock, env, null, new CountersRegistry());
    }

    /**
     * @param latencies where the writer records the receive → database hop; null for none.
     * @param counters  the node's counters registry, where the writer counts what it does.
     */
    static NodeDatabase open(
        final NodeConfig config,
        final Journal journal,
        final EpochNanoClock clock,
        final Map<String, String> env,
        final HopLatencies latencies,
        final CountersRegistry counters)
    {
        if (!Boolean.parseBoolean(config.get("db.enabled")))
        {
            LOG.info("persistence disabled (db.enabled=false): the journal is the only store");
            return null;
        }
        final String url = config.asMap().getOrDefault("db.url", "").trim();
        final DatabaseContext configured = url.isEmpty() ? null : new DatabaseContext()
            .url(url)
            .user(config.get("db.user"))
            .password(config.secret("db.password.file", PASSWORD_ENV, env))
            .schema(config.get("db.schema"));
        final DbWriterContext writerContext = new DbWriterContext()
            .journal(journal)
            .writerId(config.get("db.writer.id"))
            .maxBatchRows(config.getInt("db.writer.batch.rows"))
            .maxBatchDelay(Duration.ofMillis(config.getInt("db.writer.batch.ms")))
            .migrate(true)
            .clock(clock)
            .latencies(latencies)
            .counters(counters);
        final Path embeddedDir = config.getPath("db.embedded.dir");
        final int embeddedPort = config.getInt("db.embedded.port");
        final String schema = config.get("db.schema");
        final int queryConnections = config.getInt("gateway.rest.query.threads");
        final NodeDatabase[] self = new NodeDatabase[1];
        self[0] = new NodeDatabase(() ->
        {
            try
            {
                DatabaseContext database = configured;
                if (database == null)
                {
                    self[0].embedded = EmbeddedDatabase.start(embeddedDir, embeddedPort);
                    database = self[0].embedded.context().schema(schema);
                }
                self[0].context = database;
                self[0].writer = DbWriter.start(writerContext.database(database));
                self[0].queries = new MarketDataQueries(database, queryConnections);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("database not started; the node runs on without persistence (the journal keeps" +
                    " everything for the next start)", ex);
            }
        }, Duration.ofMillis(config.getInt("db.writer.drain.ms")));
        self[0].starter.start();
        return self[0];
    }

    /** @return the writer's status, or null while the database is still starting (or failed to start). */
    DbWriterStatus status()
    {
        final DbWriter current = writer;
        return current == null ? null : current.status();
    }

    /** @return where the writer writes (the embedded server's or the configured one), or null while starting. */
    DatabaseContext context()
    {
        return context;
    }

    /** @return the REST API's reads, or null while the database is still starting (or failed to start). */
    MarketDataQueries queries()
    {
        return queries;
    }

    /** Call after the ring has drained into the journal: the writer writes what the journal holds, then stops. */
    public void close()
    {
        try
        {
            starter.join(TimeUnit.SECONDS.toMillis(60));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        try
        {
            if (writer != null)
            {
                writer.drainAndClose(drainTimeout);
                LOG.info("db writer closed: {}", writer.status());
            }
        }
        finally
        {
            CloseHelper.closeAll(queries, embedded);
        }
    }
}
