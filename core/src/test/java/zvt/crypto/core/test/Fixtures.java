package zvt.crypto.core.test;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The recorded venue messages in {@code ../shared/fixtures} (one raw message per line), located by the system
 * property {@value #PROPERTY}. They are never copied into the repository. Under {@code CI=true} a missing folder
 * fails the test; elsewhere the test is skipped with a message.
 */
public final class Fixtures
{
    public static final String PROPERTY = "zvt.fixtures";
    public static final String DEFAULT_DIR = "../shared/fixtures";

    private Fixtures()
    {
    }

    public static Path dir()
    {
        final Path dir = Path.of(System.getProperty(PROPERTY, DEFAULT_DIR)).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir))
        {
            final String message = "recorded fixtures not found at " + dir +
                " (point the tests at them: bash ops/bin/test -Dfixtures.dir=DIR)";
            if ("true".equalsIgnoreCase(System.getenv("CI")))
            {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return dir;
    }

    public static Path file(final String relative)
    {
        final Path file = dir().resolve(relative);
        Assertions.assertTrue(Files.isRegularFile(file), "missing fixture " + file);
        return file;
    }

    /** Non-empty lines of a fixture file. */
    public static List<String> lines(final String relative)
    {
        try
        {
            return Files.readAllLines(file(relative), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
