package zvt.crypto.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web page's files, read from the classpath once and kept in memory: the page's own (a flat directory of
 * resources next to this class) and uPlot's distribution from its WebJar. A name is looked up only if it is a plain
 * file name ({@link #NAME}): no separator, no leading dot, so no request can reach any other resource.
 */
final class WebFiles
{
    /** A plain file name with a known extension; anything else is not a file of the page. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)+");

    private static final String PAGE_DIRECTORY = "zvt/crypto/gateway/web/";
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "svg", "image/svg+xml",
        "png", "image/png");

    /** A file's bytes, how to label them, and the tag a browser revalidates its copy with. */
    record WebFile(byte[] bytes, String contentType, String etag)
    {
    }

    private final ClassLoader loader = WebFiles.class.getClassLoader();
    private final String uplotDirectory;
    /** Files found, only: a miss is not kept, or requests for made-up names would grow the map without bound. */
    private final Map<String, WebFile> cache = new ConcurrentHashMap<>();

    WebFiles()
    {
        uplotDirectory = "META-INF/resources/webjars/uplot/" + webJarVersion() + "/dist/";
    }

    /** One of the page's own files, e.g. {@code index.html}; empty if there is none by that name. */
    Optional<WebFile> page(final String name)
    {
        return lookup(PAGE_DIRECTORY, name);
    }

    /** One of uPlot's distribution files, e.g. {@code uPlot.esm.js}; empty if there is none by that name. */
    Optional<WebFile> uplot(final String name)
    {
        return lookup(uplotDirectory, name);
    }

    private Optional<WebFile> lookup(final String directory, final String name)
    {
        final String contentType = contentType(name);
        if (!NAME.matcher(name).matches() || contentType == null)
        {
            return Optional.empty();
        }
        final String resource = directory + name;
        final WebFile cached = cache.get(resource);
        if (cached != null)
        {
            return Optional.of(cached);
        }
        final Optional<WebFile> file = read(resource, contentType);
        file.ifPresent(found -> cache.put(resource, found));
        return file;
    }

    private Optional<WebFile> read(final String resource, final String contentType)
    {
        try (InputStream in = loader.getResourceAsStream(resource))
        {
            if (in == null)
            {
                return Optional.empty();
            }
            final byte[] bytes = in.readAllBytes();
            return Optional.of(new WebFile(bytes, contentType, etag(bytes)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + resource, ex);
        }
    }

    private static String contentType(final String name)
    {
        final int dot = name.lastIndexOf('.');
        return dot < 0 ? null : CONTENT_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String etag(final byte[] bytes)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required of every JDK", ex);
        }
    }

    /** The WebJar's own record of its version, so the path follows the dependency's version in the pom. */
    private String webJarVersion()
    {
        try (InputStream in = loader.getResourceAsStream(UPLOT_POM))
        {
            if (in == null)
            {
                throw new IllegalStateException("uPlot's WebJar is not on the classpath (" + UPLOT_POM + ")");
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
