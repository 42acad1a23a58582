package zvt.crypto.ops.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Prometheus tools from Debian's {@code prometheus} package ({@code ops/bin/test} installs it), and the
 * metric names our rules and dashboard use. A missing tool aborts the test, or fails it under {@code CI=true}.
 */
final class PrometheusTools
{
    static final Path RULES = Path.of("prometheus", "alerts.yaml");
    static final Path RULE_TESTS = Path.of("prometheus", "alerts.test.yaml");
    static final Path DASHBOARD = Path.of("grafana", "zvt-crypto.json");

    /**
     * The one rule group whose series come from kube-state-metrics (backup Jobs and CronJobs), not from a node; the
     * scrape test does not look for its metrics on the node, and every metric it uses must be a {@code kube_} one.
     */
    static final String KUBE_STATE_METRICS_GROUP = "zvt-crypto-backups";

    private static final Pattern METRIC = Pattern.compile("\\b((?:zvt|jvm|kube)_[a-z0-9_]+)\\b");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> SERIES_SUFFIXES = List.of("_count", "_sum", "_bucket");

    private PrometheusTools()
    {
    }

    static void require(final String command)
    {
        try
        {
            final Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0)
            {
                return;
            }
        }
        catch (final IOException ex)
        {
            // not installed: below
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        final String message = command + " is not on the PATH (Debian package prometheus; ops/bin/test installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI")))
        {
            throw new IllegalStateException(message + "; under CI=true this is a failure");
        }
        Assumptions.abort(message);
    }

    /** @return the command's output; fails the test with it if the command fails. */
    static String run(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0)
        {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    /**
     * @return every metric name the dashboard and the alert rules query, as exported (no _count/_sum suffix), except
     * those of the {@link #KUBE_STATE_METRICS_GROUP}.
     */
    static Set<String> metricsUsed() throws IOException
    {
        final Set<String> names = namesIn(Files.readString(DASHBOARD));
        for (final JsonNode group : YAML.readTree(RULES.toFile()).path("groups"))
        {
            if (!KUBE_STATE_METRICS_GROUP.equals(group.path("name").asText()))
            {
                names.addAll(namesIn(group.toString()));
            }
        }
        return names;
    }

    /** @return the metric names the rules of the {@link #KUBE_STATE_METRICS_GROUP} query. */
    static Set<String> kubeStateMetricsUsed() throws IOException
    {
        for (final JsonNode group : YAML.readTree(RULES.toFile()).path("groups"))
        {
            if (KUBE_STATE_METRICS_GROUP.equals(group.path("name").asText()))
            {
                return namesIn(group.toString());
            }
        }
        return new TreeSet<>();
    }

    private static Set<String> namesIn(final String text)
    {
        final Set<String> names = new TreeSet<>();
        final Matcher matcher = METRIC.matcher(text);
        while (matcher.find())
        {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The name Prometheus stores a metric's series under, for a summary's or histogram's parts too. */
    static String family(final String series)
    {
        for (final String suffix : SERIES_SUFFIXES)
        {
            if (series.endsWith(suffix))
            {
                return series.substring(0, series.length() - suffix.length());
            }
        }
        return series;
    }
}
