package zvt.crypto.ops.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Assumptions;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The manifests in ops/k8s as the tests see them: rendered with {@code kubectl kustomize} and parsed strictly into the
 * fabric8 Kubernetes model (an unknown or misspelt field fails), with the pods they make. Needs kubectl (>= 1.21, for
 * kustomize Components): without it a test is skipped, except under CI=true, where it fails.
 */
final class K8sRendering
{
    private K8sRendering()
    {
    }

    /** The built-in kinds the manifests may use, by apiVersion/kind; anything else fails the test. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
        Map.entry("v1/Namespace", Namespace.class),
        Map.entry("v1/ServiceAccount", ServiceAccount.class),
        Map.entry("v1/ConfigMap", ConfigMap.class),
        Map.entry("v1/Service", Service.class),
        Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
        Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
        Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
        Map.entry("apps/v1/StatefulSet", StatefulSet.class),
        Map.entry("apps/v1/Deployment", Deployment.class),
        Map.entry("batch/v1/CronJob", CronJob.class),
        Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
        Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
        Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class));

    /** Custom resources of the Prometheus Operator: parsed as generic resources (no typed model here). */
    private static final Set<String> GENERIC_KINDS =
        Set.of("monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com/v1/PodMonitor",
            "monitoring.coreos.com/v1/PrometheusRule");

    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * fabric8's model classes collect unknown fields in an "additionalProperties" map through {@code @JsonAnySetter},
     * so FAIL_ON_UNKNOWN_PROPERTIES alone would never fire. This mapper ignores those any-setters on the typed model
     * (not on GenericKubernetesResource, which is nothing but additional properties), so a misspelt or misplaced
     * field is an error.
     */
    static final ObjectMapper STRICT = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
        .setAnnotationIntrospector(new JacksonAnnotationIntrospector()
        {
            @Override
            public Boolean hasAnySetter(final Annotated annotated)
            {
                if (annotated instanceof AnnotatedMember member &&
                    member.getDeclaringClass().getName().startsWith("io.fabric8.") &&
                    member.getDeclaringClass() != GenericKubernetesResource.class)
                {
                    return Boolean.FALSE;
                }
                return super.hasAnySetter(annotated);
            }
        });

    // ---------------------------------------------------------------------------------------------------------------
    // Rendering

    static Path k8sDir()
    {
        final Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        for (final Path candidate : List.of(module.resolve("k8s"), module.resolve("ops/k8s")))
        {
            if (Files.isDirectory(candidate.resolve("base")))
            {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("ops/k8s not found from " + module.toAbsolutePath());
    }

    static Stream<String> overlays() throws IOException
    {
        try (Stream<Path> dirs = Files.list(k8sDir().resolve("overlays")))
        {
            final List<String> names = dirs
                .filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
                .map(dir -> dir.getFileName().toString())
                .sorted()
                .toList();
            assertFalse(names.isEmpty(), "no overlays under ops/k8s/overlays");
            return names.stream();
        }
    }

    private static Path kubectl()
    {
        final Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(dir -> !dir.isEmpty())
            .map(dir -> Path.of(dir, "kubectl"))
            .filter(Files::isExecutable)
            .findFirst();
        if (found.isEmpty())
        {
            unavailable("kubectl is not on the PATH");
        }
        final int[] version = clientVersion(found.get());
        if (version[0] == 1 && version[1] < 21)
        {
            // Debian 12's only kubectl (package kubernetes-client) is 1.20.
            unavailable("kubectl " + version[0] + "." + version[1] + " embeds kustomize 2.0.3, which knows neither " +
                "Components nor the labels field; kubectl 1.21 or newer is needed");
        }
        return found.get();
    }

    /** Under CI a manifest check that cannot run is a failure; elsewhere the test is skipped. */
    private static void unavailable(final String why)
    {
        final String what = why + ", so the Kubernetes manifests in ops/k8s cannot be rendered";
        if ("true".equalsIgnoreCase(System.getenv("CI")))
        {
            fail(what + " (under CI they must be: ops/bin/test runs zvt_ensure_kubectl)");
        }
        Assumptions.abort(what + "; skipped outside CI");
    }

    /** major, minor of {@code kubectl version --client}; {1, 999} when the output says neither. */
    private static int[] clientVersion(final Path kubectl)
    {
        try
        {
            final Process process = new ProcessBuilder(kubectl.toString(), "version", "--client")
                .redirectErrorStream(true)
                .start();
            process.getOutputStream().close();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            final Matcher matcher = Pattern.compile("(?:GitVersion:\"v|Client Version: v)(\\d+)\\.(\\d+)").matcher(out);
            if (matcher.find())
            {
                return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))};
            }
            return new int[] {1, 999};
        }
        catch (final IOException ex)
        {
            throw new AssertionError("kubectl version --client failed", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    static String render(final Path kustomization) throws IOException, InterruptedException
    {
        final Path err = Files.createTempFile("kustomize", ".err");
        try
        {
            final Process process = new ProcessBuilder(kubectl().toString(), "kustomize", kustomization.toString())
                .redirectError(err.toFile())
                .start();
            process.getOutputStream().close();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                fail("kubectl kustomize " + kustomization + " did not finish in 120 s");
            }
            final String stderr = Files.readString(err);
            if (process.exitValue() != 0)
            {
                final String hint = stderr.contains("components") || stderr.contains("Component")
                    ? " (kubectl older than 1.21 embeds kustomize 2.0.3, which has no Components)" : "";
                fail("kubectl kustomize " + kustomization + " failed" + hint + ":\n" + stderr);
            }
            return out;
        }
        finally
        {
            Files.deleteIfExists(err);
        }
    }

    /** Every YAML document of a rendering, each parsed strictly into its model class. */
    static Rendered parse(final String yaml) throws IOException
    {
        final List<HasMetadata> objects = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml))
        {
            while (documents.hasNext())
            {
                final JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty())
                {
                    continue;
                }
                objects.add(toModel(document));
            }
        }
        return new Rendered(objects);
    }

    static HasMetadata toModel(final JsonNode document) throws IOException
    {
        final String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        final String name = document.path("metadata").path("name").asText();
        if ("v1/Secret".equals(type))
        {
            fail("Secret " + name + " is in the manifests: secrets are created by the operator and only referenced");
        }
        if (GENERIC_KINDS.contains(type))
        {
            return STRICT.treeToValue(document, GenericKubernetesResource.class);
        }
        final Class<? extends HasMetadata> modelClass = KINDS.get(type);
        if (modelClass == null)
        {
            fail("unexpected kind " + type + " (" + name + "): add it to K8sRendering.KINDS if it belongs");
        }
        try
        {
            return STRICT.treeToValue(document, modelClass);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(type + " " + name + " does not parse strictly: " + ex.getMessage(), ex);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The rendered objects and the pods they make

    /** A pod template and what owns it. */
    record Workload(String kind, String name, LabelSelector selector, PodTemplateSpec template,
        List<PersistentVolumeClaim> claimTemplates, Integer replicas)
    {
        Map<String, String> podLabels()
        {
            return template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels();
        }

        PodSpec pod()
        {
            return template.getSpec();
        }

        List<Container> allContainers()
        {
            final List<Container> all = new ArrayList<>(list(pod().getInitContainers()));
            all.addAll(list(pod().getContainers()));
            return all;
        }

        String id()
        {
            return kind + "/" + name;
        }
    }

    record Rendered(List<HasMetadata> objects)
    {
        <T extends HasMetadata> List<T> all(final Class<T> type)
        {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> Optional<T> named(final Class<T> type, final String name)
        {
            return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
        }

        List<GenericKubernetesResource> generic(final String kind)
        {
            return all(GenericKubernetesResource.class).stream().filter(o -> kind.equals(o.getKind())).toList();
        }

        List<Workload> workloads()
        {
            final List<Workload> workloads = new ArrayList<>();
            for (final Deployment d : all(Deployment.class))
            {
                workloads.add(new Workload("Deployment", d.getMetadata().getName(), d.getSpec().getSelector(),
                    d.getSpec().getTemplate(), List.of(), d.getSpec().getReplicas()));
            }
            for (final StatefulSet s : all(StatefulSet.class))
            {
                workloads.add(new Workload("StatefulSet", s.getMetadata().getName(), s.getSpec().getSelector(),
                    s.getSpec().getTemplate(), list(s.getSpec().getVolumeClaimTemplates()), s.getSpec().getReplicas()));
            }
            for (final CronJob c : all(CronJob.class))
            {
                workloads.add(new Workload("CronJob", c.getMetadata().getName(), null,
                    c.getSpec().getJobTemplate().getSpec().getTemplate(), List.of(), null));
            }
            return workloads;
        }

        Workload workload(final String kind, final String name)
        {
            return workloads().stream()
                .filter(w -> w.kind().equals(kind) && w.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in the rendering"));
        }

        List<Workload> byComponent(final String component)
        {
            return workloads().stream()
                .filter(w -> component.equals(w.podLabels().get("app.kubernetes.io/component")))
                .toList();
        }

        boolean hasDatastores()
        {
            return named(StatefulSet.class, "timescaledb").isPresent() && named(StatefulSet.class, "redis").isPresent();
        }
    }

    static <T> List<T> list(final List<T> list)
    {
        return list == null ? List.of() : list;
    }

    static <K, V> Map<K, V> map(final Map<K, V> map)
    {
        return map == null ? Map.of() : map;
    }
}
