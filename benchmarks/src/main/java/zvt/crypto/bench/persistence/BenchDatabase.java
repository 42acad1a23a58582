package zvt.crypto.bench.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import zvt.crypto.persistence.DatabaseContext;
import zvt.crypto.persistence.schema.SchemaMigrator;

/** A migrated schema on the benchmark's PostgreSQL (first argument, default the local test database). */
public final class BenchDatabase
{
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private BenchDatabase()
    {
    }

    public static DatabaseContext migrated(final String url, final String schema)
    {
        final DatabaseContext context = new DatabaseContext().url(url).user("postgres").schema(schema)
            .socketTimeoutSeconds(600);
        SchemaMigrator.migrate(context);
        return context;
    }

    static void drop(final String url, final String schema) throws SQLException
    {
        try (Connection connection = new DatabaseContext().url(url).user("postgres").connect();
            Statement statement = connection.createStatement())
        {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
