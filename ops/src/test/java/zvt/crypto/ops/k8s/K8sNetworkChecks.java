package zvt.crypto.ops.k8s;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import zvt.crypto.ops.k8s.K8sNetworkPolicies.Endpoint;
import zvt.crypto.ops.k8s.K8sRendering.Rendered;
import zvt.crypto.ops.k8s.K8sRendering.Workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.ops.k8s.K8sManifestsTest.NAMESPACE;
import static zvt.crypto.ops.k8s.K8sObjects.describe;
import static zvt.crypto.ops.k8s.K8sObjects.isEmpty;
import static zvt.crypto.ops.k8s.K8sObjects.single;
import static zvt.crypto.ops.k8s.K8sRendering.list;

/**
 * The NetworkPolicy checks of the manifest tests: the policies' shape (a default deny; ipBlocks only for the outside
 * world) and the flows that must pass or be refused, evaluated by {@link K8sNetworkPolicies}.
 */
final class K8sNetworkChecks
{
    /** Private, link-local, loopback and CGNAT ranges: never "the internet" for a venue egress rule. */
    static final List<String> NOT_INTERNET =
        List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8", "100.64.0.0/10");

    private K8sNetworkChecks()
    {
    }

    static void checkNetworkPolicyShapes(final Rendered rendered)
    {
        final List<NetworkPolicy> policies = rendered.all(NetworkPolicy.class);
        assertTrue(policies.stream().anyMatch(p -> isEmpty(p.getSpec().getPodSelector()) &&
                list(p.getSpec().getIngress()).isEmpty() && list(p.getSpec().getEgress()).isEmpty() &&
                list(p.getSpec().getPolicyTypes()).containsAll(List.of("Ingress", "Egress"))),
            "a default-deny policy (all pods, ingress and egress, no rules)");
        for (final NetworkPolicy policy : policies)
        {
            final List<NetworkPolicyPeer> peers = new ArrayList<>();
            list(policy.getSpec().getIngress()).forEach(rule -> peers.addAll(list(rule.getFrom())));
            list(policy.getSpec().getEgress()).forEach(rule -> peers.addAll(list(rule.getTo())));
            for (final NetworkPolicyPeer peer : peers)
            {
                if (peer.getIpBlock() != null)
                {
                    // The evaluator treats ipBlocks as matching only outside addresses; true when they except
                    // every private range, where pod and node addresses live.
                    assertTrue(list(peer.getIpBlock().getExcept()).containsAll(NOT_INTERNET),
                        describe(policy) + " ipBlock excepts " + NOT_INTERNET);
                }
            }
        }
    }

    /** A connection and whether the policies must allow it. */
    record Flow(Endpoint from, Endpoint to, String protocol, int port, boolean allowed) {}

    /** Every flow is allowed or denied by the rendered NetworkPolicies as it expects; lists all that are not. */
    static void assertFlows(final Rendered rendered, final List<Flow> flows, final String what)
    {
        final K8sNetworkPolicies policies = new K8sNetworkPolicies(NAMESPACE, rendered.all(NetworkPolicy.class));
        final List<String> wrong = new ArrayList<>();
        for (final Flow flow : flows)
        {
            final boolean allowed = policies.allowed(flow.from(), flow.to(), flow.protocol(), flow.port());
            if (allowed != flow.allowed())
            {
                wrong.add(flow.from() + " -> " + flow.to() + " " + flow.protocol() + "/" + flow.port() + ": expected " +
                    (flow.allowed() ? "allowed" : "denied") + ", policies say " + (allowed ? "allowed" : "denied"));
            }
        }
        assertTrue(wrong.isEmpty(), what + ":\n  " + String.join("\n  ", wrong));
    }

    static void checkNetworkFlows(final Rendered rendered)
    {
        final Endpoint feedBinanceOkx = pod(rendered.workload("StatefulSet", "feed-binance-okx"));
        final Endpoint feedBybitCoinbase = pod(rendered.workload("StatefulSet", "feed-bybit-coinbase"));
        final Endpoint gateway = pod(rendered.workload("Deployment", "gateway"));
        final Workload loaderWorkload = single(rendered.byComponent("loader"), "loader");
        final Endpoint loader = pod(loaderWorkload);
        final Endpoint timescaledb = pod(rendered.workload("StatefulSet", "timescaledb"));
        final Endpoint redis = pod(rendered.workload("StatefulSet", "redis"));

        final Endpoint kubeDns = Endpoint.pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of());
        final Endpoint otherKubeSystem =
            Endpoint.pod("metrics-server", "kube-system", Map.of("k8s-app", "metrics-server"), Map.of());
        final Endpoint ingressNginx = Endpoint.pod("ingress-nginx controller", "ingress-nginx",
            Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of());
        final Endpoint prometheus = Endpoint.pod("prometheus", "monitoring",
            Map.of("app.kubernetes.io/name", "prometheus"), Map.of());
        final Endpoint stranger = Endpoint.pod("a pod in default", "default", Map.of("app", "other"), Map.of());
        final Endpoint strangerHere = Endpoint.pod("an unlabelled pod in zvt-crypto", NAMESPACE, Map.of(), Map.of());
        final Endpoint venue = Endpoint.external("a venue (public address)", "203.0.113.10");
        final Endpoint privateHost = Endpoint.external("a private address (VPC)", "10.20.30.40");
        final Endpoint metadataService = Endpoint.external("the cloud metadata service", "169.254.169.254");

        final List<Flow> flows = new ArrayList<>();
        for (final Endpoint feed : List.of(feedBinanceOkx, feedBybitCoinbase))
        {
            flows.add(new Flow(feed, venue, "TCP", 443, true));
            flows.add(new Flow(feed, kubeDns, "UDP", 53, true));
            flows.add(new Flow(feed, kubeDns, "TCP", 53, true));
            flows.add(new Flow(feed, timescaledb, "TCP", 5432, true));
            flows.add(new Flow(feed, redis, "TCP", 6379, true));
            flows.add(new Flow(prometheus, feed, "TCP", 8080, true));
            flows.add(new Flow(feed, venue, "TCP", 80, false));
            flows.add(new Flow(feed, privateHost, "TCP", 443, false));
            flows.add(new Flow(feed, metadataService, "TCP", 80, false));
            flows.add(new Flow(feed, metadataService, "TCP", 443, false));
            flows.add(new Flow(feed, otherKubeSystem, "UDP", 53, false));
            flows.add(new Flow(feed, gateway, "TCP", 8080, false));
            flows.add(new Flow(feed, timescaledb, "TCP", 6379, false));
            flows.add(new Flow(ingressNginx, feed, "TCP", 8080, false));
            flows.add(new Flow(stranger, feed, "TCP", 8080, false));
            flows.add(new Flow(gateway, feed, "TCP", 8080, false));
            flows.add(new Flow(prometheus, feed, "TCP", 9090, false));
        }
        // Binance spot WebSocket (9443) and OKX (8443): only the shard that connects to them.
        flows.add(new Flow(feedBinanceOkx, venue, "TCP", 9443, true));
        flows.add(new Flow(feedBinanceOkx, venue, "TCP", 8443, true));
        flows.add(new Flow(feedBybitCoinbase, venue, "TCP", 9443, false));
        flows.add(new Flow(feedBybitCoinbase, venue, "TCP", 8443, false));
        flows.add(new Flow(feedBinanceOkx, feedBybitCoinbase, "TCP", 8080, false));

        flows.add(new Flow(gateway, redis, "TCP", 6379, true));
        flows.add(new Flow(gateway, kubeDns, "UDP", 53, true));
        flows.add(new Flow(gateway, kubeDns, "TCP", 53, true));
        flows.add(new Flow(ingressNginx, gateway, "TCP", 8080, true));
        flows.add(new Flow(prometheus, gateway, "TCP", 8080, true));
        flows.add(new Flow(gateway, venue, "TCP", 443, false));
        flows.add(new Flow(gateway, timescaledb, "TCP", 5432, false));
        flows.add(new Flow(gateway, privateHost, "TCP", 6379, false));
        flows.add(new Flow(ingressNginx, gateway, "TCP", 9090, false));
        flows.add(new Flow(stranger, gateway, "TCP", 8080, false));
        flows.add(new Flow(strangerHere, gateway, "TCP", 8080, false));

        flows.add(new Flow(loader, venue, "TCP", 443, true));
        flows.add(new Flow(loader, kubeDns, "UDP", 53, true));
        flows.add(new Flow(loader, timescaledb, "TCP", 5432, true));
        flows.add(new Flow(loader, redis, "TCP", 6379, false));
        flows.add(new Flow(loader, venue, "TCP", 9443, false));
        flows.add(new Flow(prometheus, loader, "TCP", 8080, false));
        flows.add(new Flow(prometheus, loader, "TCP", 9090, true));
        flows.add(new Flow(stranger, loader, "TCP", 9090, false));

        for (final Endpoint datastore : List.of(timescaledb, redis))
        {
            final int port = datastore == timescaledb ? 5432 : 6379;
            flows.add(new Flow(stranger, datastore, "TCP", port, false));
            flows.add(new Flow(strangerHere, datastore, "TCP", port, false));
            flows.add(new Flow(prometheus, datastore, "TCP", port, false));
            flows.add(new Flow(ingressNginx, datastore, "TCP", port, false));
        }
        // TimescaleDB's egress (its WAL archive's uploader) is K8sBackupManifestsTest's.
        flows.add(new Flow(redis, venue, "TCP", 443, false));
        flows.add(new Flow(redis, kubeDns, "UDP", 53, false));
        flows.add(new Flow(timescaledb, redis, "TCP", 6379, false));
        flows.add(new Flow(strangerHere, venue, "TCP", 443, false));
        flows.add(new Flow(strangerHere, kubeDns, "UDP", 53, false));

        assertFlows(rendered, flows, "NetworkPolicy flows");
    }

    /** A workload's pods as a policy endpoint, with their named ports. */
    static Endpoint pod(final Workload workload)
    {
        final Map<String, Integer> named = new LinkedHashMap<>();
        workload.pod().getContainers().forEach(c -> list(c.getPorts()).forEach(p ->
        {
            if (p.getName() != null)
            {
                named.put(p.getName(), p.getContainerPort());
            }
        }));
        return Endpoint.pod(workload.id(), NAMESPACE, workload.podLabels(), named);
    }
}
