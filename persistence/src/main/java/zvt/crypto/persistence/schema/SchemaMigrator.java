package zvt.crypto.persistence.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import zvt.crypto.persistence.DatabaseContext;

/**
 * Brings a database's schema to the current version with Flyway. The tables ({@code db/migration/common}) are the
 * same everywhere; the storage migration comes from {@code db/migration/timescale} when the {@code timescaledb}
 * extension is installed or can be created, else from {@code db/migration/plain}. Once a schema has
 * taken one path it keeps it (Flyway validates the history), so a server that gains TimescaleDB later needs a new
 * schema or a deliberate migration.
 * <p>
 * Thread-safety: stateless; each call uses its own connections.
 */
public final class SchemaMigrator
{
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private SchemaMigrator()
    {
    }

    /** Migrates and reports which storage path the schema is on. */
    public static StorageStatus migrate(final DatabaseContext context)
    {
        context.conclude();
        final boolean timescaleAvailable;
        final String serverVersion;
        try (Connection connection = context.connect())
        {
            timescaleAvailable = timescaleAvailable(connection);
            serverVersion = connection.getMetaData().getDatabaseProductVersion();
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot reach the database at " + context.url() + ": " + ex.getMessage(),
                ex);
        }
        final String storageLocation = timescaleAvailable ? "classpath:db/migration/timescale" :
            "classpath:db/migration/plain";
        final Flyway flyway = Flyway.configure()
            .dataSource(context.url(), context.user(), context.password())
            .schemas(context.schema())
            .defaultSchema(context.schema())
            .createSchemas(true)
            .locations("classpath:db/migration/common", storageLocation)
            .load();
        final MigrateResult result = flyway.migrate();
        final StorageStatus status = read(context, result.migrationsExecuted, serverVersion);
        LOG.info("database schema {} at version {} on the {} storage path ({} migrations applied; timescaledb {})",
            status.schema(), status.schemaVersion(), status.storagePath(), status.migrationsApplied(),
            timescaleAvailable ? "available" : "not available");
        return status;
    }

    /** @return the status of an already migrated schema. */
    public static StorageStatus read(final DatabaseContext context)
    {
        try (Connection connection = context.connect())
        {
            return read(context, 0, connection.getMetaData().getDatabaseProductVersion());
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot read the storage status: " + ex.getMessage(), ex);
        }
    }

    private static StorageStatus read(final DatabaseContext context, final int applied, final String serverVersion)
    {
        try (Connection connection = context.connect(); Statement statement = connection.createStatement())
        {
            final String path;
            try (ResultSet rows = statement.executeQuery("SELECT storage_path FROM zvt_storage_info WHERE id = 1"))
            {
                path = rows.next() ? rows.getString(1) : "unknown";
            }
            final String version;
            try (ResultSet rows = statement.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1"))
            {
                version = rows.next() ? rows.getString(1) : "none";
            }
            return new StorageStatus(path, context.schema(), version, applied, serverVersion);
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot read the storage status: " + ex.getMessage(), ex);
        }
    }

    /**
     * TimescaleDB is usable when the extension is already in the database, or when creating it works here and now:
     * a server that has the package but does not preload the library refuses CREATE EXTENSION. The trial is rolled
     * back; the storage migration creates the extension for real.
     */
    static boolean timescaleAvailable(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(
                "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')," +
                " EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')"))
        {
            rows.next();
            if (rows.getBoolean(1) || !rows.getBoolean(2))
            {
                return rows.getBoolean(1);
            }
        }
        final boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement())
        {
            statement.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
            return true;
        }
        catch (final SQLException ex)
        {
            LOG.info("timescaledb is on the server but cannot be created ({}); using the plain PostgreSQL path",
                ex.getMessage());
            return false;
        }
        finally
        {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }
}
