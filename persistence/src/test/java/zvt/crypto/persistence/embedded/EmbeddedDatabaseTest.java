package zvt.crypto.persistence.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import zvt.crypto.persistence.schema.SchemaMigrator;
import zvt.crypto.persistence.schema.StorageStatus;

class EmbeddedDatabaseTest
{
    @TempDir
    Path dir;

    @Test
    void shouldStartMigrateAndKeepItsDataAcrossRestarts()
    {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"), 0))
        {
            final StorageStatus status = SchemaMigrator.migrate(database.context());
            assertEquals(StorageStatus.PLAIN, status.storagePath());
            assertEquals(3, status.migrationsApplied());
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"), 0))
        {
            assertEquals(0, SchemaMigrator.migrate(database.context()).migrationsApplied());
        }
    }
}
