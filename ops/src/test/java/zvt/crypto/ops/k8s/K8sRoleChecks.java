package zvt.crypto.ops.k8s;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import zvt.crypto.ops.k8s.K8sRendering.Rendered;
import zvt.crypto.ops.k8s.K8sRendering.Workload;

import static zvt.crypto.ops.k8s.K8sManifestsTest.IMAGE;
import static zvt.crypto.ops.k8s.K8sObjects.bytes;
import static zvt.crypto.ops.k8s.K8sObjects.describe;
import static zvt.crypto.ops.k8s.K8sObjects.env;
import static zvt.crypto.ops.k8s.K8sObjects.names;
import static zvt.crypto.ops.k8s.K8sObjects.single;
import static zvt.crypto.ops.k8s.K8sObjects.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the platform asks of each node role (feed shards, gateway, loader) and of the dev and prod overlays. */
final class K8sRoleChecks
{
    private K8sRoleChecks()
    {
    }

    static void checkNodeRoles(final Rendered rendered)
    {
        final List<Workload> feeds = rendered.byComponent("feed");
        assertTrue(feeds.size() >= 2, "feed nodes are sharded over at least two StatefulSets");
        final Set<String> venues = new HashSet<>();
        for (final Workload feed : feeds)
        {
            assertEquals("StatefulSet", feed.kind(), feed.id() + " is a StatefulSet");
            assertEquals(Integer.valueOf(1), feed.replicas(), feed.id() + ": one pod per shard");
            final Container node = single(feed.pod().getContainers(), feed.id() + " container");
            assertEquals(IMAGE, node.getImage(), feed.id() + " image");
            assertEquals(List.of("run", "--config", "/etc/zvt/zvt-crypto.properties"), node.getArgs(),
                feed.id() + " args");
            final Map<String, EnvVar> env = env(node);
            assertEquals("all", value(env, "ZVT_NODE_ROLE"), feed.id() + " role");
            assertEquals("0.0.0.0", value(env, "ZVT_GATEWAY_HOST"), feed.id() + " gateway host");
            assertEquals("8080", value(env, "ZVT_GATEWAY_PORT"), feed.id() + " gateway port");
            for (final String venue : value(env, "ZVT_VENUES").split(","))
            {
                assertTrue(venues.add(venue.trim()), "venue " + venue + " is in one shard only");
            }
            assertEquals("/var/lib/zvt/journal", value(env, "ZVT_JOURNAL_DIR"), feed.id() + " journal dir");
            final VolumeMount data = node.getVolumeMounts().stream()
                .filter(m -> "/var/lib/zvt".equals(m.getMountPath())).findFirst()
                .orElseThrow(() -> new AssertionError(feed.id() + " mounts /var/lib/zvt"));
            assertTrue(names(feed.claimTemplates()).contains(data.getName()),
                feed.id() + " journal is on a volumeClaimTemplate");
            assertEquals("jdbc:postgresql://timescaledb.zvt-crypto.svc:5432/crypto", value(env, "ZVT_DB_URL"));
            assertEquals("redis://redis.zvt-crypto.svc:6379", value(env, "ZVT_REDIS_URL"));
            assertEquals("timescaledb-credentials",
                env.get("ZVT_DB_PASSWORD").getValueFrom().getSecretKeyRef().getName());
            assertEquals("redis-credentials", env.get("ZVT_REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getName());
            assertEquals("metadata.name", env.get("ZVT_DB_WRITER_ID").getValueFrom().getFieldRef().getFieldPath(),
                feed.id() + ": one database writer checkpoint per pod (journal)");
            assertProbes(feed, node);
        }
        assertEquals(Set.of("binance", "okx", "bybit", "coinbase"), venues, "the shards cover every venue");

        final Workload gateway = rendered.workload("Deployment", "gateway");
        final Container container = single(gateway.pod().getContainers(), "gateway container");
        assertEquals(IMAGE, container.getImage());
        final Map<String, EnvVar> env = env(container);
        assertEquals("gateway", value(env, "ZVT_NODE_ROLE"));
        assertEquals("redis://redis.zvt-crypto.svc:6379", value(env, "ZVT_REDIS_URL"));
        assertEquals("redis-credentials", env.get("ZVT_REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getName());
        assertFalse(env.keySet().stream().anyMatch(k -> k.startsWith("ZVT_DB_")), "the gateway has no database");
        assertProbes(gateway, container);
        final HorizontalPodAutoscaler hpa = single(rendered.all(HorizontalPodAutoscaler.class), "HPA");
        assertEquals("gateway", hpa.getSpec().getScaleTargetRef().getName());
        final MetricSpec sessions = hpa.getSpec().getMetrics().stream().filter(m -> "Pods".equals(m.getType()))
            .findFirst().orElseThrow(() -> new AssertionError("HPA has a Pods metric"));
        assertEquals("zvt_gateway_sessions", sessions.getPods().getMetric().getName());
        assertEquals("AverageValue", sessions.getPods().getTarget().getType());
        assertEquals(new Quantity("2000"), sessions.getPods().getTarget().getAverageValue());

        final Workload loader = single(rendered.byComponent("loader"), "loader");
        assertEquals("CronJob", loader.kind(), "the loader is a CronJob");
        assertEquals("Forbid",
            rendered.named(CronJob.class, loader.name()).orElseThrow().getSpec().getConcurrencyPolicy(),
            "loader runs share a journal volume: never two at once");
        assertEquals("backfill", single(loader.pod().getContainers(), "loader container").getArgs().get(0));
    }

    private static void assertProbes(final Workload workload, final Container container)
    {
        assertEquals("/health", container.getLivenessProbe().getHttpGet().getPath(), workload.id() + " liveness");
        assertEquals("/api/v1/crypto/ready", container.getReadinessProbe().getHttpGet().getPath(),
            workload.id() + " readiness");
    }

    static void checkDev(final Rendered rendered)
    {
        checkNodeRoles(rendered);
        for (final Workload w : rendered.workloads())
        {
            assertTrue(w.replicas() == null || w.replicas() == 1, w.id() + ": dev runs one of each");
        }
        for (final HorizontalPodAutoscaler hpa : rendered.all(HorizontalPodAutoscaler.class))
        {
            assertEquals(Integer.valueOf(1), hpa.getSpec().getMinReplicas(), describe(hpa) + " dev minReplicas");
        }
        for (final Workload w : rendered.workloads())
        {
            for (final Container c : w.allContainers())
            {
                assertTrue(bytes(c.getResources().getLimits().get("memory")) <= bytes(new Quantity("2Gi")),
                    w.id() + " dev memory limit is small");
            }
        }
    }

    static void checkProd(final Rendered rendered)
    {
        checkNodeRoles(rendered);
        final HorizontalPodAutoscaler hpa = single(rendered.all(HorizontalPodAutoscaler.class), "HPA");
        // The spec's HPA for the stream service.
        assertEquals(Integer.valueOf(5), hpa.getSpec().getMinReplicas());
        assertEquals(Integer.valueOf(15), hpa.getSpec().getMaxReplicas());
        final MetricSpec cpu = hpa.getSpec().getMetrics().stream().filter(m -> "Resource".equals(m.getType()))
            .findFirst().orElseThrow(() -> new AssertionError("HPA has a CPU metric"));
        assertEquals("cpu", cpu.getResource().getName());
        assertEquals(Integer.valueOf(60), cpu.getResource().getTarget().getAverageUtilization());
        // The spec's requests and limits.
        assertResources(rendered.workload("Deployment", "gateway"), "500m", "1Gi", "1000m", "2Gi");
        for (final Workload feed : rendered.byComponent("feed"))
        {
            assertResources(feed, "1000m", "2Gi", "2000m", "4Gi");
        }
        assertResources(single(rendered.byComponent("loader"), "loader"), "1000m", "2Gi", "2000m", "4Gi");
        assertResources(rendered.workload("StatefulSet", "timescaledb"), "2000m", "8Gi", "4000m", "16Gi");
        assertResources(rendered.workload("StatefulSet", "redis"), "500m", "2Gi", "1000m", "4Gi");
    }

    private static void assertResources(final Workload workload, final String cpuRequest, final String memoryRequest,
        final String cpuLimit, final String memoryLimit)
    {
        final Container c = workload.pod().getContainers().get(0);
        final var resources = c.getResources();
        assertEquals(new Quantity(cpuRequest), resources.getRequests().get("cpu"), workload.id() + " cpu request");
        assertEquals(new Quantity(memoryRequest), resources.getRequests().get("memory"),
            workload.id() + " memory request");
        assertEquals(new Quantity(cpuLimit), resources.getLimits().get("cpu"), workload.id() + " cpu limit");
        assertEquals(new Quantity(memoryLimit), resources.getLimits().get("memory"), workload.id() + " memory limit");
    }
}
