package zvt.crypto.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

import zvt.crypto.persistence.schema.SchemaMigrator;
import zvt.crypto.persistence.schema.StorageStatus;

/**
 * A schema of its own on the test PostgreSQL (127.0.0.1:5432, database test, trust auth; override with
 * {@code -Dzvt.test.db.url}), migrated on creation and dropped on close.
 */
public final class TestSchema implements AutoCloseable
{
    public static final String URL = System.getProperty("zvt.test.db.url", "jdbc:postgresql://127.0.0.1:5432/test");

    private final String name;
    private final StorageStatus status;

    private TestSchema(final String name, final boolean migrate)
    {
        this.name = name;
        this.status = migrate ? SchemaMigrator.migrate(context(URL)) : null;
    }

    public static TestSchema migrated()
    {
        return new TestSchema(randomName(), true);
    }

    public static TestSchema empty()
    {
        return new TestSchema(randomName(), false);
    }

    public static String randomName()
    {
        return "t_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    public String name()
    {
        return name;
    }

    public StorageStatus status()
    {
        return status;
    }

    /** @return a new context on the test database at the given URL (e.g. through a proxy) in this schema. */
    public DatabaseContext context(final String url)
    {
        return new DatabaseContext().url(url).user("postgres").schema(name).connectTimeoutSeconds(2)
            .socketTimeoutSeconds(10);
    }

    public DatabaseContext context()
    {
        return context(URL);
    }

    public long queryLong(final String sql)
    {
        try (Connection connection = context().connect(); Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(sql))
        {
            rows.next();
            return rows.getLong(1);
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(sql, ex);
        }
    }

    public String queryString(final String sql)
    {
        try (Connection connection = context().connect(); Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery(sql))
        {
            return rows.next() ? rows.getString(1) : null;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(sql, ex);
        }
    }

    public void execute(final String sql)
    {
        try (Connection connection = context().connect(); Statement statement = connection.createStatement())
        {
            statement.execute(sql);
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(sql, ex);
        }
    }

    public void close()
    {
        try (Connection connection = new DatabaseContext().url(URL).user("postgres").connect();
            Statement statement = connection.createStatement())
        {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot drop schema " + name, ex);
        }
    }
}
