package zvt.crypto.ops.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventType;
import zvt.crypto.feed.simulator.rest.KlineRoutes;
import zvt.crypto.feed.simulator.rest.RestSimulator;
import zvt.crypto.feed.simulator.rest.RestSimulatorContext;
import zvt.crypto.feed.simulator.rest.SyntheticCandleMarket;
import zvt.crypto.ops.test.JournalScan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OCI image tar the {@code image} profile builds (README.md, "Image"): its manifest and config (tag, non-root
 * user, entrypoint, environment, port, volumes, labels), then its layers unpacked into a root filesystem and run the
 * way a container runtime would, with {@code chroot} in a private mount namespace: root filesystem read-only, a tmpfs
 * on /tmp, a host directory as the journal volume at /var/lib/zvt and the config mounted read-only at /etc/zvt. As the
 * image's user the CLI answers {@code --help} without JVM warnings, and a {@code backfill --persist} from the REST
 * simulator (in this JVM, on loopback) journals with Chronicle and writes PostgreSQL: the jlinked runtime holds every
 * module and library the node needs. Running needs root (chroot, mounts); under CI=true a missing tar or missing root
 * fails the test, elsewhere it is skipped.
 */
class ImageIT
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE_USER = "10001:10001";
    private static final String DATABASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final long LISTED_MS = 1_700_006_400_000L;

    /**
     * A container's view of the root filesystem: read-only, with the runtime's /proc and /dev, a tmpfs /tmp and the
     * volumes; then the entrypoint as the image's user with exactly the image's environment. A private mount namespace
     * (unshare) drops every mount when the command exits.
     */
    private static final String CONTAINER = """
        set -eu
        root=$1 volume=$2 config=$3 user=$4; shift 4
        mount --bind "$root" "$root"
        mount -o remount,bind,ro "$root"
        mount -t proc proc "$root/proc"
        mount --rbind /dev "$root/dev"
        mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
        mount --bind "$volume" "$root/var/lib/zvt"
        mount --bind "$config" "$root/etc/zvt"
        mount -o remount,bind,ro "$root/etc/zvt"
        chroot_bin=$(command -v chroot)
        exec env -u PATH "$chroot_bin" --userspec="$user" "$root" "$@"
        """;

    private static Path work;
    private static Path rootfs;
    private static JsonNode manifest;
    private static JsonNode config;

    @BeforeAll
    static void unpackImage() throws Exception
    {
        final Path tar = Path.of(System.getProperty("zvt.image.tar", "target/zvt-crypto-image.tar"));
        if (!Files.isRegularFile(tar))
        {
            unavailable("no image tar at " + tar + " (build it with -Pimage, as ops/bin/test does)");
        }
        work = Files.createTempDirectory("zvt-image-");
        final Path archive = Files.createDirectory(work.resolve("archive"));
        run(List.of("tar", "-xf", tar.toString(), "-C", archive.toString()), 60);
        final JsonNode manifests = JSON.readTree(archive.resolve("manifest.json").toFile());
        assertEquals(1, manifests.size(), "one image in the tar");
        manifest = manifests.get(0);
        config = JSON.readTree(archive.resolve(manifest.get("Config").asText()).toFile());

        rootfs = Files.createDirectory(work.resolve("rootfs"));
        for (final JsonNode layer : manifest.get("Layers"))
        {
            // As root, tar keeps the layers' owners and modes.
            run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", archive.resolve(layer.asText()).toString(),
                "-C", rootfs.toString()), 120);
        }
        // What a container runtime provides: mount points for /proc and /dev.
        Files.createDirectories(rootfs.resolve("proc"));
        Files.createDirectories(rootfs.resolve("dev"));
    }

    @AfterAll
    static void removeRootfs() throws IOException
    {
        if (work == null)
        {
            return;
        }
        // Never delete through a mount that outlived its namespace (a bind of /dev would take the host's with it).
        final String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        if (mounts.contains(work.toString()))
        {
            fail("mounts under " + work + " are still there; not deleting it");
        }
        try (Stream<Path> paths = Files.walk(work))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }

    @Test
    void configRunsTheNodeCliAsANonRootUser() throws Exception
    {
        assertEquals("zvt-crypto:0.1.0", manifest.get("RepoTags").get(0).asText(),
            "the tag the Kubernetes manifests deploy (ops/k8s)");
        assertEquals("amd64", config.get("architecture").asText());
        assertEquals("linux", config.get("os").asText());

        final JsonNode container = config.get("config");
        final String user = container.get("User").asText();
        assertEquals(IMAGE_USER, user, "uid:gid numeric, so runAsNonRoot can verify it");
        assertNotEquals("0", user.split(":")[0]);
        final List<String> passwd = Files.readAllLines(rootfs.resolve("etc/passwd"));
        assertTrue(passwd.contains("zvt:x:10001:10001:zvt-crypto:/var/lib/zvt:/sbin/nologin"), passwd.toString());
        assertTrue(Files.readAllLines(rootfs.resolve("etc/group")).contains("zvt:x:10001:"));
        assertFalse(Files.exists(rootfs.resolve("bin/sh")), "no shell in the image");
        try (Stream<Path> files = Files.walk(rootfs))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                final int mode = (Integer)Files.getAttribute(file, "unix:mode");
                assertEquals(0, mode & 06000, file + " is neither setuid nor setgid");
            }
        }

        assertEquals(List.of("/opt/java/bin/java", "@/opt/zvt/jvm.args", "-cp", "@/app/jib-classpath-file",
            "@/app/jib-main-class-file"), strings(container.get("Entrypoint")));
        assertEquals(List.of("--help"), strings(container.get("Cmd")));
        assertEquals("zvt.crypto.ops.ZvtCrypto",
            Files.readString(rootfs.resolve("app/jib-main-class-file")).strip());

        final List<String> env = strings(container.get("Env"));
        assertTrue(env.contains("JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"),
            env.toString());
        assertEquals(List.of("8080/tcp"), fieldNames(container.get("ExposedPorts")));
        assertEquals(List.of("/tmp", "/var/lib/zvt"), fieldNames(container.get("Volumes")).stream().sorted().toList());
        assertEquals("/var/lib/zvt", container.get("WorkingDir").asText());
        assertEquals("zvt-crypto", container.get("Labels").get("org.opencontainers.image.title").asText());
        assertEquals("0.1.0", container.get("Labels").get("org.opencontainers.image.version").asText());
    }

    @Test
    void jvmFlagsAreTheBuildsOneList() throws Exception
    {
        final List<String> expected = new ArrayList<>(
            Arrays.asList(System.getProperty("zvt.jvm.module.args", "").trim().split("\\s+")));
        assertTrue(expected.contains("-Dchronicle.analytics.disable=true"), "Chronicle analytics off: " + expected);
        if (javaMajor() >= 23)
        {
            expected.add("--sun-misc-unsafe-memory-access=allow");
        }
        final List<String> flags = Files.readAllLines(rootfs.resolve("opt/zvt/jvm.args"));
        assertEquals(expected, flags);

        // The runnable jar's manifest says the same to `java -jar` (ops/bin/zvt): the two must not drift apart.
        final Attributes manifest;
        try (JarFile jar = new JarFile(System.getProperty("zvt.jar", "target/zvt-crypto.jar")))
        {
            manifest = jar.getManifest().getMainAttributes();
        }
        for (final String opened : manifest.getValue("Add-Opens").split(" "))
        {
            assertTrue(flags.contains("--add-opens=" + opened + "=ALL-UNNAMED"), opened + " opened in the image");
        }
        for (final String exported : manifest.getValue("Add-Exports").split(" "))
        {
            assertTrue(flags.contains("--add-exports=" + exported + "=ALL-UNNAMED"), exported + " exported");
        }
        assertTrue(flags.contains("--enable-native-access=" + manifest.getValue("Enable-Native-Access")));
    }

    @Test
    void runtimeStartsAsRootAndAsTheImageUser() throws Exception
    {
        requireRoot();
        final Path volume = Files.createDirectory(work.resolve("volume-version"));
        final Path configDir = Files.createDirectory(work.resolve("config-version"));

        final Result asRoot = container("0:0", volume, configDir, List.of("/opt/java/bin/java", "-version"));
        assertEquals(0, asRoot.exit(), asRoot.toString());
        assertTrue(asRoot.stderr().contains("version \"" + javaMajor()), asRoot.toString());

        final List<String> help = new ArrayList<>(strings(config.get("config").get("Entrypoint")));
        help.addAll(strings(config.get("config").get("Cmd")));
        final Result asUser = container(IMAGE_USER, volume, configDir, help);
        assertEquals(0, asUser.exit(), asUser.toString());
        assertTrue(asUser.stdout().startsWith("Usage: zvt-crypto"), asUser.toString());
        // A flag naming a module the jlinked runtime lacks would warn here ("Unknown module").
        assertFalse(asUser.stderr().contains("WARNING"), asUser.stderr());
    }

    @Test
    void backfillJournalsAndPersistsInsideTheImage() throws Exception
    {
        requireRoot();
        final Path volume = Files.createDirectory(work.resolve("volume-backfill"));
        // What the pod's fsGroup does to the journal volume.
        Files.setAttribute(volume, "unix:uid", 10001);
        Files.setAttribute(volume, "unix:gid", 10001);
        final Path configDir = Files.createDirectory(work.resolve("config-backfill"));
        final String schema = "image_" + Long.toHexString(System.nanoTime());
        Files.writeString(configDir.resolve("zvt-crypto.properties"), "db.url = " + DATABASE_URL + "\n" +
            "db.schema = " + schema + "\ndb.writer.id = image-test\njournal.dir = /var/lib/zvt/journal\n");

        final SyntheticCandleMarket market = new SyntheticCandleMarket(7, LISTED_MS, System::currentTimeMillis);
        try (RestSimulator server = RestSimulator.launch(
            KlineRoutes.mount(new RestSimulatorContext(), Venue.BINANCE, market, List.of("BTCUSDT")));
            Connection connection = DriverManager.getConnection(DATABASE_URL, "postgres", ""))
        {
            try
            {
                final List<String> command = new ArrayList<>(strings(config.get("config").get("Entrypoint")));
                command.addAll(List.of("backfill", "--venue", "binance", "--symbol", "BTC-USDT", "--interval", "1h",
                    "--from", "2023-11-15", "--to", "2023-11-17", "--base-url", server.baseUri(),
                    "--config", "/etc/zvt/zvt-crypto.properties", "--persist"));
                final Result backfill = container(IMAGE_USER, volume, configDir, command);
                assertEquals(0, backfill.exit(), backfill.toString());
                assertFalse(backfill.stderr().contains("WARNING"), backfill.stderr());

                assertEquals(48, JournalScan.count(volume.resolve("journal"), EventType.CANDLE),
                    "two days of hourly candles");
                try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + schema +
                        ".crypto_ohlcv_1h WHERE source = 'rest' AND exchange = 'binance'"))
                {
                    assertTrue(rows.next());
                    assertEquals(48, rows.getLong(1), "the same candles in the database");
                }
            }
            finally
            {
                try (Statement statement = connection.createStatement())
                {
                    statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    private record Result(int exit, String stdout, String stderr)
    {
        @Override
        public String toString()
        {
            return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private static Result container(final String user, final Path volume, final Path configDir,
        final List<String> command) throws Exception
    {
        final List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--fork",
            "sh", "-c", CONTAINER, "container", rootfs.toString(), volume.toString(), configDir.toString(), user));
        argv.addAll(command);
        final ProcessBuilder builder = new ProcessBuilder(argv);
        final Map<String, String> environment = builder.environment();
        final String path = environment.get("PATH");
        environment.clear();
        for (final String variable : strings(config.get("config").get("Env")))
        {
            final int equals = variable.indexOf('=');
            environment.put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        environment.put("PATH", path); // for unshare, sh, mount and chroot; the script drops it before chroot
        return run(builder, 120);
    }

    private static Result run(final List<String> command, final int timeoutSeconds) throws Exception
    {
        final Result result = run(new ProcessBuilder(command), timeoutSeconds);
        assertEquals(0, result.exit(), command + "\n" + result);
        return result;
    }

    private static Result run(final ProcessBuilder builder, final int timeoutSeconds) throws Exception
    {
        final Path stdout = Files.createTempFile(work, "stdout", ".txt");
        final Path stderr = Files.createTempFile(work, "stderr", ".txt");
        final Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor();
            fail(builder.command() + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
            Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** The major version of the image's runtime, from the release file jlink writes. */
    private static int javaMajor() throws IOException
    {
        for (final String line : Files.readAllLines(rootfs.resolve("opt/java/release")))
        {
            if (line.startsWith("JAVA_VERSION=\""))
            {
                return Integer.parseInt(line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0]);
            }
        }
        throw new IllegalStateException("no JAVA_VERSION in the image's opt/java/release");
    }

    private static void requireRoot() throws IOException
    {
        final int uid = (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (uid != 0)
        {
            unavailable("running the image's root filesystem needs root (chroot, mounts); this test runs as uid " +
                uid);
        }
    }

    /** Under CI a check that cannot run is a failure; elsewhere the test is skipped. */
    private static void unavailable(final String why)
    {
        if ("true".equalsIgnoreCase(System.getenv("CI")))
        {
            fail(why);
        }
        Assumptions.abort(why + "; skipped outside CI");
    }

    private static List<String> strings(final JsonNode array)
    {
        final List<String> strings = new ArrayList<>();
        array.forEach(node -> strings.add(node.asText()));
        return strings;
    }

    private static List<String> fieldNames(final JsonNode object)
    {
        final List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
