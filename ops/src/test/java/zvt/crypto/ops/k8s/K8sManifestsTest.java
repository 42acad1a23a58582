package zvt.crypto.ops.k8s;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import zvt.crypto.ops.k8s.K8sRendering.Rendered;
import zvt.crypto.ops.k8s.K8sRendering.Workload;

import static zvt.crypto.ops.k8s.K8sObjects.bytes;
import static zvt.crypto.ops.k8s.K8sObjects.describe;
import static zvt.crypto.ops.k8s.K8sObjects.env;
import static zvt.crypto.ops.k8s.K8sObjects.first;
import static zvt.crypto.ops.k8s.K8sObjects.hasPort;
import static zvt.crypto.ops.k8s.K8sObjects.isEmpty;
import static zvt.crypto.ops.k8s.K8sObjects.matches;
import static zvt.crypto.ops.k8s.K8sObjects.names;
import static zvt.crypto.ops.k8s.K8sObjects.selectedBy;
import static zvt.crypto.ops.k8s.K8sObjects.single;
import static zvt.crypto.ops.k8s.K8sObjects.value;
import static zvt.crypto.ops.k8s.K8sRendering.k8sDir;
import static zvt.crypto.ops.k8s.K8sRendering.list;
import static zvt.crypto.ops.k8s.K8sRendering.map;
import static zvt.crypto.ops.k8s.K8sRendering.parse;
import static zvt.crypto.ops.k8s.K8sRendering.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders every overlay under ops/k8s/overlays (and the base alone: the managed-datastores case) with
 * {@code kubectl kustomize}, parses each object strictly into the fabric8 Kubernetes model (an unknown or misspelt
 * field fails) and checks that the objects fit together: selectors, ports, references, resources, security context,
 * and that the NetworkPolicies allow exactly the intended flows. Needs kubectl (>= 1.21, for kustomize Components):
 * without it the test is skipped, except under CI=true, where it fails (ops/bin/test installs kubectl).
 */
class K8sManifestsTest
{
    static final String NAMESPACE = "zvt-crypto";
    static final String IMAGE = "zvt-crypto:0.1.0";

    /**
     * Secrets the operator creates before deploying (README.md, "Deploying to Kubernetes"), with the keys the
     * manifests read. The repository holds no Secret objects: only references to these.
     */
    static final Map<String, Set<String>> OPERATOR_SECRETS = Map.of(
        "timescaledb-credentials", Set.of("username", "password"),
        "redis-credentials", Set.of("password"),
        "gateway-auth", Set.of("api-keys", "jwt-hs256-secret"),
        "backup-s3-credentials", Set.of("access-key-id", "secret-access-key"));

    // ---------------------------------------------------------------------------------------------------------------
    // The tests

    @ParameterizedTest(name = "overlay {0}")
    @MethodSource("zvt.crypto.ops.k8s.K8sRendering#overlays")
    void overlayRendersConsistentManifests(final String overlay) throws Exception
    {
        final Rendered rendered = parse(render(k8sDir().resolve("overlays").resolve(overlay)));
        assertTrue(rendered.hasDatastores(), overlay + " includes the datastores component");
        checkAll(rendered);
        K8sNetworkChecks.checkNetworkFlows(rendered);
        switch (overlay)
        {
            case "dev" -> K8sRoleChecks.checkDev(rendered);
            case "prod" -> K8sRoleChecks.checkProd(rendered);
            default ->
            {
                // another overlay: the generic checks above apply
            }
        }
    }

    /** The base alone is what a user of managed PostgreSQL and Redis deploys: it must build and stand on its own. */
    @Test
    void baseWithoutDatastoresComponentRenders() throws Exception
    {
        final Rendered rendered = parse(render(k8sDir().resolve("base")));
        assertFalse(rendered.named(StatefulSet.class, "timescaledb").isPresent(), "base has no TimescaleDB");
        assertFalse(rendered.named(StatefulSet.class, "redis").isPresent(), "base has no Redis");
        checkAll(rendered);
    }

    /** The strict parse really is strict: a misspelt field fails instead of vanishing into additionalProperties. */
    @Test
    void strictParsingRejectsUnknownFields() throws Exception
    {
        final String typo = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: x, namespace: zvt-crypto}
            spec:
              replica: 2
              selector: {matchLabels: {a: b}}
              template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i}]}}
            """;
        assertThrows(AssertionError.class, () -> parse(typo));
        final String nested = """
            apiVersion: v1
            kind: Service
            metadata: {name: x, namespace: zvt-crypto}
            spec:
              selector: {a: b}
              ports: [{name: http, port: 80, targetport: http}]
            """;
        assertThrows(AssertionError.class, () -> parse(nested));
        final String fine = nested.replace("targetport", "targetPort");
        assertEquals(1, parse(fine).objects().size());
    }

    /** The evaluator itself, on textbook cases. */
    @Test
    void cidrArithmetic()
    {
        assertTrue(K8sNetworkPolicies.inCidr("10.0.0.0/8", "10.200.1.1"));
        assertFalse(K8sNetworkPolicies.inCidr("10.0.0.0/8", "11.0.0.1"));
        assertTrue(K8sNetworkPolicies.inCidr("172.16.0.0/12", "172.31.255.255"));
        assertFalse(K8sNetworkPolicies.inCidr("172.16.0.0/12", "172.32.0.0"));
        assertTrue(K8sNetworkPolicies.inCidr("0.0.0.0/0", "203.0.113.7"));
        final IPBlock block = new IPBlock("0.0.0.0/0", List.of("10.0.0.0/8"));
        assertTrue(K8sNetworkPolicies.inBlock(block, "203.0.113.7"));
        assertFalse(K8sNetworkPolicies.inBlock(block, "10.1.2.3"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Generic checks

    static void checkAll(final Rendered rendered)
    {
        checkNamespace(rendered);
        checkSelectors(rendered);
        checkPorts(rendered);
        checkContainers(rendered);
        checkReferences(rendered);
        checkConfigHasNoSecrets(rendered);
        checkRbac(rendered);
        checkMonitoring(rendered);
        K8sNetworkChecks.checkNetworkPolicyShapes(rendered);
    }

    static void checkNamespace(final Rendered rendered)
    {
        assertTrue(rendered.named(Namespace.class, NAMESPACE).isPresent(), "Namespace " + NAMESPACE + " defined");
        for (final HasMetadata object : rendered.objects())
        {
            if (!(object instanceof Namespace))
            {
                assertEquals(NAMESPACE, object.getMetadata().getNamespace(), describe(object) + " namespace");
            }
        }
    }

    static void checkSelectors(final Rendered rendered)
    {
        final List<Workload> workloads = rendered.workloads();
        for (final Workload w : workloads)
        {
            if (!"CronJob".equals(w.kind()))
            {
                assertNotNull(w.selector(), w.id() + " has a selector");
                assertFalse(isEmpty(w.selector()), w.id() + " selector is not empty");
                assertTrue(matches(w.selector(), w.podLabels()), w.id() + " selector matches its pod labels");
            }
            for (final TopologySpreadConstraint spread : list(w.pod().getTopologySpreadConstraints()))
            {
                assertTrue(matches(spread.getLabelSelector(), w.podLabels()),
                    w.id() + " topology spread selects its own pods");
            }
        }
        for (final Service service : rendered.all(Service.class))
        {
            final Map<String, String> selector = service.getSpec().getSelector();
            assertTrue(selector != null && !selector.isEmpty(), describe(service) + " has a selector");
            assertFalse(selectedBy(workloads, selector).isEmpty(), describe(service) + " selects some pods");
        }
        for (final StatefulSet set : rendered.all(StatefulSet.class))
        {
            final String serviceName = set.getSpec().getServiceName();
            final Service service = rendered.named(Service.class, serviceName)
                .orElseThrow(() -> new AssertionError(describe(set) + " serviceName " + serviceName + " is defined"));
            assertTrue(matches(service.getSpec().getSelector(), set.getSpec().getTemplate().getMetadata().getLabels()),
                describe(set) + " governing Service " + serviceName + " selects its pods");
        }
        for (final PodDisruptionBudget pdb : rendered.all(PodDisruptionBudget.class))
        {
            assertFalse(workloads.stream().noneMatch(w -> matches(pdb.getSpec().getSelector(), w.podLabels())),
                describe(pdb) + " selects some pods");
            assertTrue(pdb.getSpec().getMaxUnavailable() != null || pdb.getSpec().getMinAvailable() != null,
                describe(pdb) + " sets a budget");
        }
        for (final HorizontalPodAutoscaler hpa : rendered.all(HorizontalPodAutoscaler.class))
        {
            final var target = hpa.getSpec().getScaleTargetRef();
            assertEquals("apps/v1", target.getApiVersion(), describe(hpa) + " target apiVersion");
            assertTrue(workloads.stream().anyMatch(w -> w.kind().equals(target.getKind()) &&
                w.name().equals(target.getName())), describe(hpa) + " targets " + target.getKind() + "/" +
                target.getName() + ", which is defined");
            final Workload scaled = rendered.workload(target.getKind(), target.getName());
            assertEquals(null, scaled.replicas(), scaled.id() + " leaves replicas to its HPA");
            assertTrue(hpa.getSpec().getMinReplicas() >= 1, describe(hpa) + " minReplicas >= 1");
            assertTrue(hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas(), describe(hpa) + " min <= max");
        }
        final boolean datastores = rendered.hasDatastores();
        for (final NetworkPolicy policy : rendered.all(NetworkPolicy.class))
        {
            final LabelSelector selector = policy.getSpec().getPodSelector();
            if (!isEmpty(selector))
            {
                assertFalse(workloads.stream().noneMatch(w -> matches(selector, w.podLabels())),
                    describe(policy) + " podSelector selects some pods");
            }
            if (!datastores)
            {
                continue;   // peers may name the datastores' pods, which are not rendered without the component
            }
            final List<NetworkPolicyPeer> peers = new ArrayList<>();
            list(policy.getSpec().getIngress()).forEach(rule -> peers.addAll(list(rule.getFrom())));
            list(policy.getSpec().getEgress()).forEach(rule -> peers.addAll(list(rule.getTo())));
            for (final NetworkPolicyPeer peer : peers)
            {
                if (peer.getNamespaceSelector() == null && peer.getPodSelector() != null)
                {
                    assertFalse(workloads.stream().noneMatch(w -> matches(peer.getPodSelector(), w.podLabels())),
                        describe(policy) + " peer " + peer.getPodSelector() + " selects some pods of the namespace");
                }
            }
        }
    }

    static void checkPorts(final Rendered rendered)
    {
        final List<Workload> workloads = rendered.workloads();
        for (final Workload w : workloads)
        {
            for (final Container c : w.allContainers())
            {
                final String where = w.id() + " container " + c.getName();
                final List<String> names = list(c.getPorts()).stream().map(ContainerPort::getName)
                    .filter(Objects::nonNull).toList();
                assertEquals(names.size(), new HashSet<>(names).size(), where + " port names are unique");
                for (final Probe probe : new Probe[] {c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()})
                {
                    if (probe == null)
                    {
                        continue;
                    }
                    if (probe.getHttpGet() != null)
                    {
                        assertTrue(hasPort(c, probe.getHttpGet().getPort()),
                            where + " probe port " + probe.getHttpGet().getPort() + " is a container port");
                    }
                    if (probe.getTcpSocket() != null)
                    {
                        assertTrue(hasPort(c, probe.getTcpSocket().getPort()),
                            where + " probe port " + probe.getTcpSocket().getPort() + " is a container port");
                    }
                }
            }
        }
        for (final Service service : rendered.all(Service.class))
        {
            for (final Workload w : selectedBy(workloads, service.getSpec().getSelector()))
            {
                for (final ServicePort port : service.getSpec().getPorts())
                {
                    final IntOrString target = port.getTargetPort() != null ? port.getTargetPort()
                        : new IntOrString(port.getPort());
                    assertTrue(w.pod().getContainers().stream().anyMatch(c -> hasPort(c, target)),
                        describe(service) + " targetPort " + target + " exists on " + w.id());
                }
            }
        }
    }

    static void checkContainers(final Rendered rendered)
    {
        for (final Workload w : rendered.workloads())
        {
            final PodSpec pod = w.pod();
            final PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext())
                .orElseGet(PodSecurityContext::new);
            for (final Container c : w.allContainers())
            {
                final String where = w.id() + " container " + c.getName();
                assertNotNull(c.getResources(), where + " has resources");
                final Map<String, Quantity> requests = map(c.getResources().getRequests());
                final Map<String, Quantity> limits = map(c.getResources().getLimits());
                assertTrue(requests.containsKey("cpu"), where + " requests cpu");
                assertTrue(requests.containsKey("memory"), where + " requests memory");
                assertTrue(limits.containsKey("memory"), where + " limits memory");
                assertTrue(bytes(requests.get("memory")) <= bytes(limits.get("memory")),
                    where + " memory request <= limit");
                if (limits.containsKey("cpu"))
                {
                    assertTrue(Quantity.getAmountInBytes(requests.get("cpu"))
                            .compareTo(Quantity.getAmountInBytes(limits.get("cpu"))) <= 0,
                        where + " cpu request <= limit");
                }

                final SecurityContext context =
                    Optional.ofNullable(c.getSecurityContext()).orElseGet(SecurityContext::new);
                final Boolean runAsNonRoot = first(context.getRunAsNonRoot(), podContext.getRunAsNonRoot());
                final Long runAsUser = first(context.getRunAsUser(), podContext.getRunAsUser());
                assertEquals(Boolean.TRUE, runAsNonRoot, where + " runs as non-root");
                assertTrue(runAsUser == null || runAsUser != 0, where + " runAsUser is not 0");
                assertEquals(Boolean.TRUE, context.getReadOnlyRootFilesystem(), where + " read-only root filesystem");
                assertEquals(Boolean.FALSE, context.getAllowPrivilegeEscalation(), where + " no privilege escalation");
                assertTrue(context.getCapabilities() != null &&
                        list(context.getCapabilities().getDrop()).contains("ALL"),
                    where + " drops all capabilities");
                assertTrue(context.getCapabilities().getAdd() == null || context.getCapabilities().getAdd().isEmpty(),
                    where + " adds no capabilities");
                final var seccomp = first(context.getSeccompProfile(), podContext.getSeccompProfile());
                assertTrue(seccomp != null && "RuntimeDefault".equals(seccomp.getType()),
                    where + " seccomp RuntimeDefault");
                assertFalse(Boolean.TRUE.equals(context.getPrivileged()), where + " is not privileged");

                if (IMAGE.equals(c.getImage()))
                {
                    // zvt-crypto (JVM, Netty, Chronicle) needs a writable /tmp under the read-only root filesystem.
                    final Optional<VolumeMount> tmp = list(c.getVolumeMounts()).stream()
                        .filter(m -> "/tmp".equals(m.getMountPath())).findFirst();
                    assertTrue(tmp.isPresent(), where + " mounts /tmp");
                    assertTrue(list(pod.getVolumes()).stream().anyMatch(v -> v.getName().equals(tmp.get().getName()) &&
                        v.getEmptyDir() != null), where + " /tmp is an emptyDir");
                }
            }
            assertFalse(Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()) ||
                Boolean.TRUE.equals(pod.getHostIPC()), w.id() + " uses no host namespaces");
        }
    }

    static void checkReferences(final Rendered rendered)
    {
        final Set<String> configMaps = names(rendered.all(ConfigMap.class));
        final Set<String> claims = names(rendered.all(PersistentVolumeClaim.class));
        final Set<String> accounts = names(rendered.all(ServiceAccount.class));
        final Set<String> services = names(rendered.all(Service.class));
        for (final Workload w : rendered.workloads())
        {
            final PodSpec pod = w.pod();
            final Set<String> volumes = new HashSet<>();
            for (final Volume volume : list(pod.getVolumes()))
            {
                volumes.add(volume.getName());
                final String where = w.id() + " volume " + volume.getName();
                if (volume.getConfigMap() != null)
                {
                    assertTrue(configMaps.contains(volume.getConfigMap().getName()),
                        where + ": ConfigMap " + volume.getConfigMap().getName() + " is defined");
                }
                if (volume.getSecret() != null)
                {
                    assertOperatorSecret(volume.getSecret().getSecretName(), null, where);
                }
                if (volume.getPersistentVolumeClaim() != null)
                {
                    assertTrue(claims.contains(volume.getPersistentVolumeClaim().getClaimName()),
                        where + ": PersistentVolumeClaim " + volume.getPersistentVolumeClaim().getClaimName() +
                            " is defined");
                }
                if (volume.getProjected() != null)
                {
                    for (final VolumeProjection source : list(volume.getProjected().getSources()))
                    {
                        if (source.getConfigMap() != null)
                        {
                            assertTrue(configMaps.contains(source.getConfigMap().getName()), where + " ConfigMap");
                        }
                        if (source.getSecret() != null)
                        {
                            assertOperatorSecret(source.getSecret().getName(), null, where);
                        }
                    }
                }
            }
            final Set<String> claimTemplates = new HashSet<>(names(w.claimTemplates()));
            for (final String claim : claimTemplates)
            {
                assertFalse(volumes.contains(claim), w.id() + " volumeClaimTemplate " + claim + " shadows a volume");
            }
            for (final Container c : w.allContainers())
            {
                final String where = w.id() + " container " + c.getName();
                for (final VolumeMount mount : list(c.getVolumeMounts()))
                {
                    assertTrue(volumes.contains(mount.getName()) || claimTemplates.contains(mount.getName()),
                        where + " mount " + mount.getName() + " is a volume or volumeClaimTemplate");
                }
                for (final EnvVar env : list(c.getEnv()))
                {
                    if (env.getValueFrom() == null)
                    {
                        continue;
                    }
                    final var secretRef = env.getValueFrom().getSecretKeyRef();
                    if (secretRef != null)
                    {
                        assertOperatorSecret(secretRef.getName(), secretRef.getKey(), where + " env " + env.getName());
                    }
                    final var configRef = env.getValueFrom().getConfigMapKeyRef();
                    if (configRef != null)
                    {
                        final Optional<ConfigMap> map = rendered.named(ConfigMap.class, configRef.getName());
                        assertTrue(map.isPresent(), where + " env " + env.getName() + ": ConfigMap defined");
                        assertTrue(Boolean.TRUE.equals(configRef.getOptional()) ||
                            map.get().getData().containsKey(configRef.getKey()), where + " env " + env.getName() +
                            ": key " + configRef.getKey() + " present");
                    }
                }
                for (final EnvFromSource from : list(c.getEnvFrom()))
                {
                    if (from.getConfigMapRef() != null)
                    {
                        assertTrue(configMaps.contains(from.getConfigMapRef().getName()), where + " envFrom ConfigMap");
                    }
                    if (from.getSecretRef() != null)
                    {
                        assertOperatorSecret(from.getSecretRef().getName(), null, where + " envFrom");
                    }
                }
            }
            final String account = pod.getServiceAccountName();
            assertTrue(account == null || "default".equals(account) || accounts.contains(account),
                w.id() + " ServiceAccount " + account + " is defined");
            assertTrue(list(pod.getImagePullSecrets()).isEmpty() ||
                    pod.getImagePullSecrets().stream().allMatch(s -> OPERATOR_SECRETS.containsKey(s.getName())),
                w.id() + " imagePullSecrets are operator secrets");
        }
        // In-cluster addresses (<service>.zvt-crypto.svc) in env values and config: the Service must be there.
        // Without the datastores component they name the user's own services, which the manifests do not define.
        if (rendered.hasDatastores())
        {
            final Pattern inCluster = Pattern.compile("([a-z0-9-]+)\\." + NAMESPACE + "\\.svc");
            final List<String> values = new ArrayList<>();
            rendered.workloads().forEach(w -> w.allContainers().forEach(c ->
                list(c.getEnv()).forEach(e -> values.add(e.getValue()))));
            rendered.all(ConfigMap.class).forEach(m -> values.addAll(map(m.getData()).values()));
            for (final String value : values)
            {
                final Matcher matcher = inCluster.matcher(value == null ? "" : value);
                while (matcher.find())
                {
                    assertTrue(services.contains(matcher.group(1)),
                        "address " + matcher.group() + " names a defined Service");
                }
            }
        }
    }

    private static void assertOperatorSecret(final String name, final String key, final String where)
    {
        assertTrue(OPERATOR_SECRETS.containsKey(name),
            where + ": secret " + name + " is one of the operator-created secrets " + OPERATOR_SECRETS.keySet());
        if (key != null)
        {
            assertTrue(OPERATOR_SECRETS.get(name).contains(key),
                where + ": key " + key + " of secret " + name + " is documented " + OPERATOR_SECRETS.get(name));
        }
    }

    /** The properties the node reads from its ConfigMap carry no secret values (those come from Secrets). */
    static void checkConfigHasNoSecrets(final Rendered rendered)
    {
        final Pattern secretKey = Pattern.compile("password|secret|api\\.keys|private");
        boolean sawNodeConfig = false;
        for (final ConfigMap map : rendered.all(ConfigMap.class))
        {
            for (final var entry : map(map.getData()).entrySet())
            {
                if (!entry.getKey().endsWith(".properties"))
                {
                    continue;
                }
                sawNodeConfig = true;
                final Properties properties = new Properties();
                try
                {
                    properties.load(new StringReader(entry.getValue()));
                }
                catch (final IOException ex)
                {
                    throw new AssertionError(ex);
                }
                for (final String key : properties.stringPropertyNames())
                {
                    if (secretKey.matcher(key).find())
                    {
                        assertEquals("", properties.getProperty(key).trim(),
                            describe(map) + " " + entry.getKey() + ": " + key + " must not carry a secret");
                    }
                }
            }
        }
        assertTrue(sawNodeConfig, "the node's properties file is in a ConfigMap");
    }

    static void checkRbac(final Rendered rendered)
    {
        final Set<String> accounts = names(rendered.all(ServiceAccount.class));
        final Set<String> roles = names(rendered.all(Role.class));
        for (final RoleBinding binding : rendered.all(RoleBinding.class))
        {
            assertEquals("Role", binding.getRoleRef().getKind(), describe(binding) + " binds a namespaced Role");
            assertTrue(roles.contains(binding.getRoleRef().getName()), describe(binding) + " Role is defined");
            for (final Subject subject : binding.getSubjects())
            {
                assertEquals("ServiceAccount", subject.getKind(), describe(binding) + " subject kind");
                assertTrue(accounts.contains(subject.getName()), describe(binding) + " ServiceAccount is defined");
                assertEquals(NAMESPACE, subject.getNamespace(), describe(binding) + " subject namespace");
            }
        }
        for (final Role role : rendered.all(Role.class))
        {
            for (final var rule : list(role.getRules()))
            {
                assertFalse(list(rule.getVerbs()).contains("*") || list(rule.getResources()).contains("*"),
                    describe(role) + " grants no wildcards");
                assertFalse(list(rule.getResources()).contains("secrets"), describe(role) + " reads no secrets");
            }
        }
        for (final ServiceAccount account : rendered.all(ServiceAccount.class))
        {
            assertEquals(Boolean.FALSE, account.getAutomountServiceAccountToken(),
                describe(account) + " does not mount its token");
        }
    }

    @SuppressWarnings("unchecked")
    static void checkMonitoring(final Rendered rendered)
    {
        final List<GenericKubernetesResource> monitors = rendered.generic("ServiceMonitor");
        assertFalse(monitors.isEmpty(), "a ServiceMonitor is defined");
        for (final GenericKubernetesResource monitor : monitors)
        {
            final Map<String, Object> spec = (Map<String, Object>)monitor.getAdditionalProperties().get("spec");
            final LabelSelector selector = K8sRendering.STRICT.convertValue(spec.get("selector"), LabelSelector.class);
            final List<Service> selected = rendered.all(Service.class).stream()
                .filter(s -> matches(selector, map(s.getMetadata().getLabels()))).toList();
            assertFalse(selected.isEmpty(), describe(monitor) + " selects some Services");
            final Set<String> components = new HashSet<>();
            selected.forEach(s -> components.add(map(s.getMetadata().getLabels()).get("app.kubernetes.io/component")));
            assertTrue(components.containsAll(Set.of("feed", "gateway")),
                describe(monitor) + " scrapes feed and gateway");
            final String jobLabel = (String)spec.get("jobLabel");
            for (final Map<String, Object> endpoint : (List<Map<String, Object>>)spec.get("endpoints"))
            {
                assertEquals("/metrics", endpoint.get("path"), describe(monitor) + " path");
                for (final Service service : selected)
                {
                    assertTrue(service.getSpec().getPorts().stream()
                            .anyMatch(p -> p.getName().equals(endpoint.get("port"))),
                        describe(monitor) + " port " + endpoint.get("port") + " exists on " + describe(service));
                    if (jobLabel != null)
                    {
                        assertEquals("zvt-crypto", map(service.getMetadata().getLabels()).get(jobLabel),
                            describe(service) + " gives job=\"zvt-crypto\", which the alert rules select on");
                    }
                }
            }
        }
        // The loader (a CronJob, no Service) is scraped on its admin port through a PodMonitor.
        final List<GenericKubernetesResource> podMonitors = rendered.generic("PodMonitor");
        assertEquals(1, podMonitors.size(), "one PodMonitor, for the loader");
        final Map<String, Object> podSpec =
            (Map<String, Object>)podMonitors.getFirst().getAdditionalProperties().get("spec");
        final LabelSelector podSelector = K8sRendering.STRICT.convertValue(podSpec.get("selector"), LabelSelector.class);
        final Workload loader = single(rendered.byComponent("loader"), "loader");
        assertTrue(matches(podSelector, loader.podLabels()), describe(podMonitors.getFirst()) + " selects the loader");
        for (final Map<String, Object> endpoint : (List<Map<String, Object>>)podSpec.get("podMetricsEndpoints"))
        {
            assertEquals("/metrics", endpoint.get("path"));
            assertTrue(single(loader.pod().getContainers(), "loader container").getPorts().stream()
                .anyMatch(p -> p.getName().equals(endpoint.get("port"))), "the loader has port " + endpoint.get("port"));
        }
        final List<GenericKubernetesResource> rules = rendered.generic("PrometheusRule");
        assertFalse(rules.isEmpty(), "a PrometheusRule is defined");
        for (final GenericKubernetesResource rule : rules)
        {
            final Map<String, Object> spec = (Map<String, Object>)rule.getAdditionalProperties().get("spec");
            final List<Map<String, Object>> groups = (List<Map<String, Object>>)spec.get("groups");
            assertFalse(groups == null || groups.isEmpty(), describe(rule) + " has groups");
            for (final Map<String, Object> group : groups)
            {
                final List<Map<String, Object>> groupRules = (List<Map<String, Object>>)group.get("rules");
                assertFalse(groupRules == null || groupRules.isEmpty(), describe(rule) + " group has rules");
                groupRules.forEach(r -> assertNotNull(r.get("expr"), describe(rule) + " rule has an expr"));
            }
        }
    }
}
