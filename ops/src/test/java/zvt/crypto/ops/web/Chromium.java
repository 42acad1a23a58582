package zvt.crypto.ops.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}, installed by {@code ops/bin/services.sh zvt_ensure_chromium}),
 * headless, with a fresh profile and the DevTools protocol on a port of its own choosing; no browser is downloaded.
 * Missing, it aborts the test, or fails it under {@code CI=true}.
 */
final class Chromium implements AutoCloseable
{
    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final long START_TIMEOUT_S = 30;

    private final Process process;
    private final Path profile;
    private final URI browserEndpoint;

    private Chromium(final Process process, final Path profile, final URI browserEndpoint)
    {
        this.process = process;
        this.profile = profile;
        this.browserEndpoint = browserEndpoint;
    }

    static Chromium launch(final int width, final int height) throws Exception
    {
        if (!Files.isExecutable(EXECUTABLE))
        {
            final String message = EXECUTABLE + " is missing: run ops/bin/test, or apt-get install chromium";
            if ("true".equalsIgnoreCase(System.getenv("CI")))
            {
                throw new IllegalStateException(message + "; under CI=true this is a failure");
            }
            Assumptions.abort(message);
        }
        final Path profile = Files.createTempDirectory("zvt-chromium-");
        final Process process = new ProcessBuilder(EXECUTABLE.toString(), "--headless", "--no-sandbox",
            "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
            "--window-size=" + width + "," + height, "--user-data-dir=" + profile, "--remote-debugging-port=0",
            "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        final CompletableFuture<URI> endpoint = new CompletableFuture<>();
        final Thread reader = new Thread(() -> readStderr(process, endpoint), "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try
        {
            return new Chromium(process, profile, endpoint.get(START_TIMEOUT_S, TimeUnit.SECONDS));
        }
        catch (final Exception ex)
        {
            process.destroyForcibly();
            deleteTree(profile);
            throw ex;
        }
    }

    /** A new tab, driven over its own DevTools connection. */
    DevTools openTab() throws Exception
    {
        try (DevTools browser = DevTools.connect(browserEndpoint))
        {
            final String targetId = browser.send("Target.createTarget", DevTools.params().put("url", "about:blank"))
                .get("targetId").asText();
            return DevTools.connect(URI.create("ws://" + browserEndpoint.getAuthority() + "/devtools/page/" + targetId));
        }
    }

    /** Stops the browser and its helper processes (renderers, GPU, zygote), then removes the profile they wrote. */
    public void close() throws Exception
    {
        final List<ProcessHandle> processes = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
            .toList();
        process.destroy();
        for (final ProcessHandle each : processes)
        {
            try
            {
                each.onExit().get(10, TimeUnit.SECONDS);
            }
            catch (final TimeoutException ex)
            {
                each.destroyForcibly();
                each.onExit().get(10, TimeUnit.SECONDS);
            }
        }
        deleteTree(profile);
    }

    /** Finds the DevTools address, then keeps draining the browser's chatter so it never blocks on a full pipe. */
    private static void readStderr(final Process process, final CompletableFuture<URI> endpoint)
    {
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = lines.readLine()) != null)
            {
                final Matcher matcher = DEVTOOLS.matcher(line);
                if (matcher.find())
                {
                    endpoint.complete(URI.create(matcher.group(1)));
                }
            }
            endpoint.completeExceptionally(new IllegalStateException("chromium exited: " + process.waitFor()));
        }
        catch (final IOException | InterruptedException ex)
        {
            endpoint.completeExceptionally(ex);
        }
    }

    private static void deleteTree(final Path root) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
