package zvt.crypto.ops.config;

import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The node's configuration: a Java properties file (format and every key documented in
 * {@code ops/config/zvt-crypto.properties}), where every key can be overridden by an environment variable named
 * {@code ZVT_} + the key in upper case with {@code .} and {@code -} turned into {@code _}
 * ({@code gateway.port} → {@code ZVT_GATEWAY_PORT}). Built-in defaults apply to keys set nowhere; a venue's
 * {@code <venue>.*} defaults come from its package ({@link VenueAdapter#defaults()}).
 * Secrets belong in the environment or in files the config points at, never in the file itself.
 */
public final class NodeConfig
{
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
        Map.entry("journal.dir", "./data/journal"),
        Map.entry("journal.retention.days", "0"),
        Map.entry("ring.size", "65536"),
        Map.entry("ring.wait", "parking"),
        Map.entry("ring.consumer.threads", "hosted"),
        Map.entry("feed.event.loops", "1"),
        Map.entry("feed.reconnect.stable.ms", "60000"),
        Map.entry("gateway.io.threads", "0"),
        Map.entry("gateway.host", "127.0.0.1"),
        Map.entry("gateway.port", "8080"),
        Map.entry("gateway.max.inbound.frame.bytes", "4096"),
        Map.entry("gateway.max.subscriptions.per.session", "256"),
        Map.entry("gateway.auth.enabled", "true"),
        Map.entry("gateway.auth.api.keys.file", ""),
        Map.entry("gateway.auth.jwt.hs256.secret.file", ""),
        Map.entry("gateway.auth.jwt.rs256.public.key.file", ""),
        Map.entry("gateway.auth.jwt.audience", "zvt-crypto"),
        Map.entry("gateway.auth.jwt.issuer", ""),
        Map.entry("gateway.auth.jwt.clock.skew.seconds", "30"),
        Map.entry("gateway.auth.query.token", "true"),
        Map.entry("gateway.auth.allowed.origins", ""),
        Map.entry("gateway.auth.rest.requests.per.second", "20"),
        Map.entry("gateway.auth.rest.burst", "40"),
        Map.entry("gateway.auth.subscribes.per.second", "5"),
        Map.entry("gateway.auth.subscribe.burst", "300"),
        Map.entry("gateway.auth.max.connections.per.key", "10"),
        Map.entry("gateway.rest.query.threads", "4"),
        Map.entry("gateway.rest.timeout.ms", "5000"),
        Map.entry("gateway.rest.cache.bytes", "67108864"),
        Map.entry("gateway.rest.cache.ttl.ms", "60000"),
        Map.entry("gateway.rest.cache.settle.margin.ms", "5000"),
        Map.entry("gateway.replay.max.concurrent", "8"),
        Map.entry("gateway.replay.stall.timeout.ms", "30000"),
        Map.entry("ready.db.lag.ms", "10000"),
        Map.entry("ready.book.stale.ms", "10000"),
        Map.entry("ready.journal.min.free.mb", "256"),
        Map.entry("metrics.log.interval.s", "60"),
        Map.entry("venues", "binance"),
        Map.entry("db.enabled", "true"),
        Map.entry("db.url", ""),
        Map.entry("db.user", "postgres"),
        Map.entry("db.password.file", ""),
        Map.entry("db.schema", "public"),
        Map.entry("db.embedded.dir", "./data/postgres"),
        Map.entry("db.embedded.port", "0"),
        Map.entry("db.writer.id", "node"),
        Map.entry("db.writer.batch.rows", "10000"),
        Map.entry("db.writer.batch.ms", "200"),
        Map.entry("db.writer.drain.ms", "10000"),
        Map.entry("node.role", "all"),
        Map.entry("redis.url", ""),
        Map.entry("redis.password.file", ""),
        Map.entry("redis.key.prefix", "zvt"),
        Map.entry("redis.book.depth", "20"),
        Map.entry("redis.stream.max.length", "1000000"));

    private final Map<String, String> values;

    private NodeConfig(final Map<String, String> values)
    {
        this.values = values;
    }

    /** Defaults (the node's, then each venue's {@code <venue>.*} keys), then the file (if any), then the environment. */
    public static NodeConfig load(final Path file, final Map<String, String> environment) throws IOException
    {
        final Map<String, String> values = new TreeMap<>(DEFAULTS);
        for (final VenueAdapter venue : VenueRegistry.all())
        {
            venue.defaults().forEach((key, value) -> values.put(venue.configName() + "." + key, value));
        }
        if (file != null)
        {
            requireFile(file);
            final Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        }
        for (final String key : List.copyOf(values.keySet()))
        {
            final String override = environment.get(environmentName(key));
            if (override != null)
            {
                values.put(key, override.trim());
            }
        }
        return new NodeConfig(values);
    }

    private static void requireFile(final Path file)
    {
        if (Files.isDirectory(file))
        {
            throw new IllegalArgumentException(file + " is a directory, not a config file");
        }
        if (!Files.exists(file))
        {
            throw new IllegalArgumentException("config file not found: " + file);
        }
    }

    public static NodeConfig defaults(final Map<String, String> environment)
    {
        try
        {
            return load(null, environment);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** A copy with one key replaced (what the CLI's options do). */
    public NodeConfig with(final String key, final String value)
    {
        final Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new NodeConfig(copy);
    }

    public static String environmentName(final String key)
    {
        return "ZVT_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String get(final String key)
    {
        final String value = values.get(key);
        if (value == null || value.isEmpty())
        {
            throw new IllegalArgumentException("missing config key " + key + " (or env " + environmentName(key) + ")");
        }
        return value;
    }

    public int getInt(final String key)
    {
        try
        {
            return Integer.parseInt(get(key));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("config key " + key + " must be an integer: " + get(key), ex);
        }
    }

    public List<String> getList(final String key)
    {
        return Arrays.stream(get(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public Path getPath(final String key)
    {
        return Path.of(get(key));
    }

    /** The keys under {@code prefix.}, without it: e.g. {@code okx.ws.url} as {@code ws.url} for prefix {@code okx}. */
    public Map<String, String> section(final String prefix)
    {
        final Map<String, String> section = new TreeMap<>();
        values.forEach((key, value) ->
        {
            if (key.startsWith(prefix + "."))
            {
                section.put(key.substring(prefix.length() + 1), value);
            }
        });
        return section;
    }

    /**
     * A secret: the environment variable if set, else the trimmed contents of the file that {@code fileKey} names,
     * else empty.
     */
    public String secret(final String fileKey, final String environmentVariable, final Map<String, String> environment)
    {
        final String fromEnvironment = environment.get(environmentVariable);
        if (fromEnvironment != null)
        {
            return fromEnvironment;
        }
        final String file = values.getOrDefault(fileKey, "").trim();
        if (file.isEmpty())
        {
            return "";
        }
        try
        {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + fileKey + " " + file, ex);
        }
    }

    public Map<String, String> asMap()
    {
        return Map.copyOf(values);
    }
}
