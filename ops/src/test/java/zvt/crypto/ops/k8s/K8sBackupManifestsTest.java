package zvt.crypto.ops.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import zvt.crypto.ops.k8s.K8sRendering.Rendered;
import zvt.crypto.ops.k8s.K8sRendering.Workload;
import zvt.crypto.ops.k8s.K8sNetworkChecks.Flow;
import zvt.crypto.ops.k8s.K8sNetworkPolicies.Endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.ops.k8s.K8sObjects.describe;
import static zvt.crypto.ops.k8s.K8sNetworkChecks.assertFlows;
import static zvt.crypto.ops.k8s.K8sNetworkChecks.pod;
import static zvt.crypto.ops.k8s.K8sRendering.list;
import static zvt.crypto.ops.k8s.K8sRendering.map;

/**
 * The backup pieces of ops/k8s, rendered like {@link K8sManifestsTest} (whose strict checks of resources, security
 * context, references and policy shapes cover these objects too): the daily pg_dump to object storage, the
 * TimescaleDB WAL archive and its uploader, the scheduled VolumeSnapshots (every journal claim and, with the datastores,
 * the database's) and the RBAC and NetworkPolicies they need (docs/RUNBOOK.md, "Back up, restore, rebuild").
 */
class K8sBackupManifestsTest
{
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String SNAPSHOT_CLASS = "zvt-crypto-snapshots";
    private static final Set<String> STORAGE_KEYS = Set.of("S3_ENDPOINT", "S3_REGION", "S3_BUCKET", "S3_PREFIX");
    /** The 5-minute RPO, in seconds: no more than this much WAL may wait for a segment switch. */
    private static final int RPO_SECONDS = 300;

    static List<String> overlays() throws IOException
    {
        return K8sRendering.overlays().toList();
    }

    @ParameterizedTest(name = "overlay {0}")
    @MethodSource("overlays")
    void overlayBacksUpDatabaseJournalsAndWal(final String overlay) throws Exception
    {
        final Rendered rendered = render(K8sRendering.k8sDir().resolve("overlays").resolve(overlay));
        checkDump(rendered);
        checkSnapshots(rendered);
        checkWalArchive(rendered);
        checkFlows(rendered);
    }

    @Test
    void managedDatabaseStillGetsTheDumpAndJournalSnapshots() throws Exception
    {
        final Rendered rendered = render(K8sRendering.k8sDir().resolve("base"));
        checkDump(rendered);
        checkSnapshots(rendered);
    }

    private static Rendered render(final Path kustomization) throws Exception
    {
        final Rendered rendered = K8sRendering.parse(K8sRendering.render(kustomization));
        K8sManifestsTest.checkAll(rendered);
        return rendered;
    }

    /** pg-dump: dump first (init container), then upload to the configured bucket with Secret credentials. */
    static void checkDump(final Rendered rendered)
    {
        final CronJob cronJob = rendered.named(CronJob.class, "pg-dump")
            .orElseThrow(() -> new AssertionError("CronJob pg-dump is defined"));
        assertEquals("Forbid", cronJob.getSpec().getConcurrencyPolicy(), "one dump at a time");
        final Workload dump = rendered.workload("CronJob", "pg-dump");
        final Container dumper = K8sObjects.single(list(dump.pod().getInitContainers()), "dump init container");
        final Container uploader = K8sObjects.single(list(dump.pod().getContainers()), "upload container");

        assertTrue(String.join(" ", list(dumper.getCommand())).startsWith("pg_dump "), "the init container dumps");
        final String dumpFile = option(dumper.getCommand(), "--file");
        assertEquals("Never", dump.pod().getRestartPolicy());
        final VolumeMount dumpMount = mountOf(dumper, dumpFile);
        assertEquals(dumpMount.getName(), mountOf(uploader, dumpFile).getName(), "the upload reads the dump's volume");
        final Volume volume = volume(dump, dumpMount.getName());
        assertNotNull(volume.getEphemeral(), "the dump's volume lives as long as the pod");

        assertTrue(list(uploader.getArgs()).contains(dumpFile), "the upload copies " + dumpFile);
        final String target = list(uploader.getArgs()).get(list(uploader.getArgs()).size() - 1);
        assertTrue(target.startsWith("archive:$(S3_BUCKET)/$(S3_PREFIX)/"), "bucket and prefix from config: " + target);
        assertStorageFromConfigAndSecret(rendered, uploader, "CronJob/pg-dump upload");

        final Map<String, String> database = configuredEnv(rendered, dumper);
        assertTrue(database.keySet().containsAll(Set.of("PGHOST", "PGPORT", "PGDATABASE")),
            "the database to dump comes from ConfigMap backup-storage");
        assertSecretEnv(dumper, "PGPASSWORD", "timescaledb-credentials");
    }

    /**
     * Every journal claim (and with the datastores, TimescaleDB's data claim) is snapshotted on a schedule, and then
     * the snapshots beyond the newest {@code keep} of each claim are deleted.
     */
    static void checkSnapshots(final Rendered rendered) throws Exception
    {
        final Workload snapshotter = rendered.workload("CronJob", "volume-snapshots");
        final Container kubectl = K8sObjects.single(snapshotter.pod().getInitContainers(), "create");
        assertEquals("create", list(kubectl.getArgs()).get(0), "kubectl create (generateName needs create)");
        final String directory = option(kubectl.getArgs(), "-f");
        final VolumeMount mount = mountOf(kubectl, directory);
        final String configMapName = volume(snapshotter, mount.getName()).getConfigMap().getName();
        final ConfigMap snapshots = rendered.named(ConfigMap.class, configMapName).orElseThrow();

        final Set<String> snapshotted = new HashSet<>();
        for (final String manifest : map(snapshots.getData()).values())
        {
            try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifest))
            {
                while (documents.hasNext())
                {
                    final JsonNode snapshot = documents.next();
                    assertEquals("snapshot.storage.k8s.io/v1", snapshot.path("apiVersion").asText());
                    assertEquals("VolumeSnapshot", snapshot.path("kind").asText());
                    final String claim = snapshot.path("spec").path("source").path("persistentVolumeClaimName")
                        .asText();
                    assertEquals(claim + "-", snapshot.path("metadata").path("generateName").asText(),
                        "a new snapshot name each run, after its claim");
                    assertEquals(SNAPSHOT_CLASS, snapshot.path("spec").path("volumeSnapshotClassName").asText());
                    assertTrue(snapshotted.add(claim), claim + " is snapshotted once per run");
                }
            }
        }
        final Set<String> expected = new HashSet<>();
        for (final Workload feed : rendered.byComponent("feed"))
        {
            expected.addAll(claims(rendered, feed.name(), "journal"));
        }
        if (rendered.hasDatastores())
        {
            expected.addAll(claims(rendered, "timescaledb", "postgresql-data"));
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected, snapshotted, "the snapshotted claims are exactly the journals' and the database's");

        checkPruning(rendered, snapshotter);

        // Least privilege: create, list and delete VolumeSnapshots; the only pod with an API token.
        final String account = snapshotter.pod().getServiceAccountName();
        final RoleBinding binding = K8sObjects.single(rendered.all(RoleBinding.class).stream()
            .filter(b -> b.getSubjects().stream().anyMatch(s -> account.equals(s.getName()))).toList(), "binding");
        final Role role = rendered.named(Role.class, binding.getRoleRef().getName()).orElseThrow();
        final var rule = K8sObjects.single(role.getRules(), describe(role) + " rule");
        assertEquals(List.of("snapshot.storage.k8s.io"), rule.getApiGroups());
        assertEquals(List.of("volumesnapshots"), rule.getResources());
        assertEquals(List.of("create", "list", "delete"), rule.getVerbs(), "create; list and delete to prune");
        assertEquals(Boolean.TRUE, snapshotter.pod().getAutomountServiceAccountToken(), "kubectl needs its token");
        for (final Workload w : rendered.workloads())
        {
            if (!w.id().equals(snapshotter.id()))
            {
                assertEquals(Boolean.FALSE, w.pod().getAutomountServiceAccountToken(), w.id() + " mounts no token");
            }
        }
    }

    /**
     * After the snapshots are created (init container), the prune container runs the ConfigMap's script with
     * {@code KEEP} from the same ConfigMap; the script's selection, run here on a list, keeps the newest of each claim.
     */
    private static void checkPruning(final Rendered rendered, final Workload snapshotter) throws Exception
    {
        final Container pruner = K8sObjects.single(snapshotter.pod().getContainers(), "prune");
        final EnvVar keep = list(pruner.getEnv()).stream().filter(env -> "KEEP".equals(env.getName())).findFirst()
            .orElseThrow(() -> new AssertionError("prune sets KEEP"));
        final String configMapName = keep.getValueFrom().getConfigMapKeyRef().getName();
        final ConfigMap prune = rendered.named(ConfigMap.class, configMapName).orElseThrow();
        assertTrue(Integer.parseInt(prune.getData().get(keep.getValueFrom().getConfigMapKeyRef().getKey())) >= 24,
            "a day of hourly snapshots at least");
        final String script = list(pruner.getCommand()).get(1);
        assertEquals(configMapName, volume(snapshotter, mountOf(pruner, script).getName()).getConfigMap().getName());
        final Path file = Files.createTempFile("prune", ".sh");
        try
        {
            Files.writeString(file, prune.getData().get(Path.of(script).getFileName().toString()));
            final String list = String.join("\n",
                "journal-a 2026-12-04T10:05:03Z journal-a-new",
                "journal-a 2026-12-04T08:05:01Z journal-a-oldest",
                "journal-b 2026-12-04T09:05:02Z journal-b-only",
                "journal-a 2026-12-04T09:05:02Z journal-a-middle",
                "journal-a 2026-12-03T23:05:00Z journal-a-yesterday") + "\n";
            assertEquals(List.of("journal-a-oldest", "journal-a-yesterday"), runSelection(file, 2, list));
            assertEquals(List.of(), runSelection(file, 4, list));
        }
        finally
        {
            Files.delete(file);
        }
    }

    /** @return the names the script's selection deletes from {@code list}, keeping {@code keep} per claim. */
    private static List<String> runSelection(final Path script, final int keep, final String list) throws Exception
    {
        final Process process = new ProcessBuilder("sh", script.toString(), "select", Integer.toString(keep)).start();
        try (var stdin = process.getOutputStream())
        {
            stdin.write(list.getBytes(StandardCharsets.UTF_8));
        }
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return out.lines().sorted().toList();
    }

    /** TimescaleDB archives WAL often enough for the RPO, into the directory its uploader moves to object storage. */
    static void checkWalArchive(final Rendered rendered) throws IOException
    {
        final Workload timescaledb = rendered.workload("StatefulSet", "timescaledb");
        final ConfigMap config = rendered.named(ConfigMap.class, "postgresql-config").orElseThrow();
        final String conf = config.getData().get("postgresql.conf");
        assertEquals("on", setting(conf, "archive_mode"));
        final int timeout = Integer.parseInt(setting(conf, "archive_timeout"));
        assertTrue(timeout > 0 && timeout <= RPO_SECONDS / 2, "archive_timeout " + timeout + " s leaves room in the " +
            "5-minute RPO for the upload");
        final Matcher copy = Pattern.compile("cp %p (\\S+)/%f\\.tmp && mv \\1/%f\\.tmp \\1/%f")
            .matcher(setting(conf, "archive_command"));
        assertTrue(copy.find(), "archive_command copies each segment atomically: " + setting(conf, "archive_command"));
        final String archive = copy.group(1);

        final Container database = timescaledb.pod().getContainers().get(0);
        final Container uploader = timescaledb.pod().getContainers().stream()
            .filter(c -> "wal-upload".equals(c.getName())).findFirst()
            .orElseThrow(() -> new AssertionError("timescaledb has a wal-upload container"));
        final VolumeMount archiveMount = mountOf(database, archive);
        assertTrue(K8sObjects.names(timescaledb.claimTemplates()).contains(archiveMount.getName()),
            "the archive is on the data volume, which survives the pod");
        assertEquals(archiveMount.getName(), mountOf(uploader, archive).getName(), "the uploader sees the archive");
        final String script = String.join("\n", list(uploader.getArgs()));
        assertTrue(script.contains("rclone move " + archive + " \"archive:$S3_BUCKET/$S3_PREFIX/wal\""), script);
        assertTrue(script.contains("--exclude '*.tmp'"), "half-copied segments stay");
        final Matcher sleep = Pattern.compile("sleep (\\d+)").matcher(script);
        assertTrue(sleep.find());
        assertTrue(timeout + Integer.parseInt(sleep.group(1)) < RPO_SECONDS, "segment switch + upload cycle < RPO");
        assertStorageFromConfigAndSecret(rendered, uploader, "timescaledb wal-upload");
    }

    static void checkFlows(final Rendered rendered)
    {
        final Endpoint dump = pod(rendered.workload("CronJob", "pg-dump"));
        final Endpoint snapshots = pod(rendered.workload("CronJob", "volume-snapshots"));
        final Endpoint timescaledb = pod(rendered.workload("StatefulSet", "timescaledb"));
        final Endpoint redis = pod(rendered.workload("StatefulSet", "redis"));
        final Endpoint gateway = pod(rendered.workload("Deployment", "gateway"));
        final Endpoint kubeDns = Endpoint.pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of());
        final Endpoint objectStorage = Endpoint.external("object storage (public address)", "52.219.170.1");
        final Endpoint apiServer = Endpoint.external("the API server (private endpoint)", "10.0.0.1");
        final Endpoint privateHost = Endpoint.external("a private address (VPC)", "10.20.30.40");
        final Endpoint metadataService = Endpoint.external("the cloud metadata service", "169.254.169.254");
        final Endpoint stranger = Endpoint.pod("a pod in default", "default", Map.of("app", "other"), Map.of());

        final List<Flow> flows = new ArrayList<>();
        flows.add(new Flow(dump, timescaledb, "TCP", 5432, true));
        flows.add(new Flow(dump, objectStorage, "TCP", 443, true));
        flows.add(new Flow(dump, kubeDns, "UDP", 53, true));
        flows.add(new Flow(dump, redis, "TCP", 6379, false));
        flows.add(new Flow(dump, objectStorage, "TCP", 80, false));
        flows.add(new Flow(dump, privateHost, "TCP", 443, false));
        flows.add(new Flow(dump, metadataService, "TCP", 80, false));
        flows.add(new Flow(dump, gateway, "TCP", 8080, false));
        flows.add(new Flow(stranger, dump, "TCP", 8080, false));

        flows.add(new Flow(timescaledb, objectStorage, "TCP", 443, true));
        flows.add(new Flow(timescaledb, kubeDns, "UDP", 53, true));
        flows.add(new Flow(timescaledb, objectStorage, "TCP", 80, false));
        flows.add(new Flow(timescaledb, privateHost, "TCP", 443, false));
        flows.add(new Flow(timescaledb, metadataService, "TCP", 80, false));
        flows.add(new Flow(timescaledb, redis, "TCP", 6379, false));

        flows.add(new Flow(snapshots, apiServer, "TCP", 443, true));
        flows.add(new Flow(snapshots, apiServer, "TCP", 6443, true));
        flows.add(new Flow(snapshots, timescaledb, "TCP", 5432, false));
        flows.add(new Flow(snapshots, redis, "TCP", 6379, false));
        flows.add(new Flow(snapshots, metadataService, "TCP", 80, false));
        flows.add(new Flow(stranger, snapshots, "TCP", 8080, false));

        assertFlows(rendered, flows, "backup NetworkPolicy flows");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Bucket, endpoint and prefix from ConfigMap backup-storage; the access keys from the operator's Secret. */
    private static void assertStorageFromConfigAndSecret(final Rendered rendered, final Container container,
        final String where)
    {
        assertTrue(configuredEnv(rendered, container).keySet().containsAll(STORAGE_KEYS),
            where + " reads " + STORAGE_KEYS + " from ConfigMap backup-storage");
        assertSecretEnv(container, "RCLONE_CONFIG_ARCHIVE_ACCESS_KEY_ID", "backup-s3-credentials");
        assertSecretEnv(container, "RCLONE_CONFIG_ARCHIVE_SECRET_ACCESS_KEY", "backup-s3-credentials");
        for (final EnvVar env : list(container.getEnv()))
        {
            if (env.getName().matches(".*(KEY|PASSWORD|SECRET|TOKEN).*"))
            {
                assertTrue(env.getValue() == null, where + " env " + env.getName() + " has no literal value");
            }
        }
    }

    private static void assertSecretEnv(final Container container, final String name, final String secret)
    {
        final EnvVar env = list(container.getEnv()).stream().filter(e -> name.equals(e.getName())).findFirst()
            .orElseThrow(() -> new AssertionError(container.getName() + " sets " + name));
        assertNotNull(env.getValueFrom(), name + " comes from a reference");
        assertEquals(secret, env.getValueFrom().getSecretKeyRef().getName(), name + " from Secret " + secret);
    }

    /** The variables a container takes from ConfigMap backup-storage (envFrom). */
    private static Map<String, String> configuredEnv(final Rendered rendered, final Container container)
    {
        assertTrue(list(container.getEnvFrom()).stream().anyMatch(from -> from.getConfigMapRef() != null &&
            "backup-storage".equals(from.getConfigMapRef().getName())), container.getName() + " envFrom backup-storage");
        return rendered.named(ConfigMap.class, "backup-storage").orElseThrow().getData();
    }

    /** The claims a StatefulSet's volumeClaimTemplate makes: template-set-ordinal. */
    private static List<String> claims(final Rendered rendered, final String set, final String template)
    {
        final StatefulSet statefulSet = rendered.named(StatefulSet.class, set).orElseThrow();
        assertTrue(statefulSet.getSpec().getVolumeClaimTemplates().stream()
            .map(PersistentVolumeClaim::getMetadata).anyMatch(m -> template.equals(m.getName())), set + " " + template);
        final int replicas = statefulSet.getSpec().getReplicas() == null ? 1 : statefulSet.getSpec().getReplicas();
        final List<String> claims = new ArrayList<>();
        for (int ordinal = 0; ordinal < replicas; ordinal++)
        {
            claims.add(template + "-" + set + "-" + ordinal);
        }
        return claims;
    }

    /** The mount under which a container sees a path. */
    private static VolumeMount mountOf(final Container container, final String path)
    {
        return list(container.getVolumeMounts()).stream()
            .filter(m -> path.equals(m.getMountPath()) || path.startsWith(m.getMountPath() + "/"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(container.getName() + " mounts a volume holding " + path));
    }

    private static Volume volume(final Workload workload, final String name)
    {
        return list(workload.pod().getVolumes()).stream().filter(v -> name.equals(v.getName())).findFirst()
            .orElseThrow(() -> new AssertionError(workload.id() + " volume " + name));
    }

    /** The value of {@code --name=value} or {@code name value} in an argument list. */
    private static String option(final List<String> args, final String name)
    {
        for (int i = 0; i < args.size(); i++)
        {
            if (args.get(i).startsWith(name + "="))
            {
                return args.get(i).substring(name.length() + 1);
            }
            if (args.get(i).equals(name) && i + 1 < args.size())
            {
                return args.get(i + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + args);
    }

    /** A postgresql.conf setting (the last one wins, as in PostgreSQL), unquoted. */
    private static String setting(final String conf, final String name)
    {
        String value = null;
        final Matcher matcher = Pattern.compile("(?m)^\\s*" + name + "\\s*=\\s*('(?:[^']|'')*'|\\S+)").matcher(conf);
        while (matcher.find())
        {
            value = matcher.group(1);
        }
        assertNotNull(value, "postgresql.conf sets " + name);
        return value.startsWith("'") ? value.substring(1, value.length() - 1).replace("''", "'") : value;
    }
}
