package zvt.crypto.persistence.schema;

/**
 * What the migrations found and did, for logs and readiness details.
 *
 * @param storagePath        {@code timescaledb} (hypertables, compression, retention, continuous aggregate) or
 *                           {@code plain} (ordinary tables, roll-ups maintained by the writer).
 * @param schema             the schema holding the tables.
 * @param schemaVersion      the Flyway version now applied.
 * @param migrationsApplied  migrations applied by this run (0 when the schema was already current).
 * @param serverVersion      the database server's version string.
 */
public record StorageStatus(
    String storagePath,
    String schema,
    String schemaVersion,
    int migrationsApplied,
    String serverVersion)
{
    public static final String PLAIN = "plain";
    public static final String TIMESCALEDB = "timescaledb";

    public boolean timescale()
    {
        return TIMESCALEDB.equals(storagePath);
    }
}
