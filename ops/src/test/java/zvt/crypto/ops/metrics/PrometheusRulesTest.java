package zvt.crypto.ops.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alert rules pass {@code promtool check rules}, their unit tests ({@code promtool test rules}, each alert fired
 * from synthetic series) pass, every alert has such a test, and the runbook says what each one means.
 */
class PrometheusRulesTest
{
    private static final Pattern ALERT = Pattern.compile("- alert: (\\w+)");
    private static final Pattern TESTED = Pattern.compile("alertname: (\\w+)");

    @Test
    void shouldPassPromtoolsChecksAndUnitTests() throws Exception
    {
        PrometheusTools.require("promtool");
        final String check = PrometheusTools.run("promtool", "check", "rules", PrometheusTools.RULES.toString());
        assertTrue(check.contains("SUCCESS"), check);
        final String tests = PrometheusTools.run("promtool", "test", "rules", PrometheusTools.RULE_TESTS.toString());
        assertTrue(tests.contains("SUCCESS"), tests);
    }

    @Test
    void shouldTestAndDocumentEveryAlert() throws Exception
    {
        final Set<String> alerts = names(ALERT, Files.readString(PrometheusTools.RULES));
        assertTrue(alerts.size() >= 10, "alerts: " + alerts);
        assertEquals(alerts, names(TESTED, Files.readString(PrometheusTools.RULE_TESTS)), "alerts with unit tests");
        final String runbook = Files.readString(Path.of("..", "docs", "RUNBOOK.md"));
        for (final String alert : alerts)
        {
            assertTrue(runbook.contains("### " + alert), "docs/RUNBOOK.md explains " + alert);
        }
    }

    /** The scrape test's exemption stays narrow: one named group, of kube-state-metrics series only. */
    @Test
    void shouldTakeOnlyKubeStateMetricsSeriesFromOutsideTheNode() throws Exception
    {
        final Set<String> fromKubeStateMetrics = PrometheusTools.kubeStateMetricsUsed();
        assertEquals(Set.of("kube_cronjob_status_last_successful_time", "kube_job_status_failed"),
            fromKubeStateMetrics);
        assertTrue(PrometheusTools.metricsUsed().stream().noneMatch(name -> name.startsWith("kube_")),
            "kube-state-metrics series only in group " + PrometheusTools.KUBE_STATE_METRICS_GROUP);
    }

    @Test
    void shouldDeployTheSameRulesToKubernetes() throws Exception
    {
        final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        final JsonNode rules = yaml.readTree(PrometheusTools.RULES.toFile()).path("groups");
        final JsonNode deployed = yaml.readTree(Path.of("k8s", "base", "prometheus-rule.yaml").toFile())
            .path("spec").path("groups");
        assertTrue(rules.size() > 0);
        assertEquals(rules, deployed, "ops/k8s/base/prometheus-rule.yaml carries ops/prometheus/alerts.yaml's groups");
    }

    private static Set<String> names(final Pattern pattern, final String text)
    {
        final Set<String> names = new TreeSet<>();
        final Matcher matcher = pattern.matcher(text);
        while (matcher.find())
        {
            names.add(matcher.group(1));
        }
        return names;
    }
}
