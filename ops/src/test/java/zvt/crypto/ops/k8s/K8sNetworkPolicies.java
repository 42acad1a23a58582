package zvt.crypto.ops.k8s;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Decides whether a connection is allowed by a set of NetworkPolicies, the way the Kubernetes NetworkPolicy API
 * defines it: a pod that no policy of a direction selects is open in that direction; a selected pod accepts only
 * what some rule of some selecting policy allows; a connection needs both the source's egress and the
 * destination's ingress. Policies are those of one namespace; pods elsewhere are unrestricted.
 * <p>
 * Simplification: ipBlock peers match only endpoints outside the cluster (given by IP). Pod IPs are private
 * addresses, and the manifests' ipBlocks all except the private ranges (the test asserts that), so an ipBlock never
 * matches a pod there either.
 */
final class K8sNetworkPolicies
{
    /** A pod (namespace, labels, named container ports) or an address outside the cluster. */
    record Endpoint(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts,
        String ip)
    {
        static Endpoint pod(final String name, final String namespace, final Map<String, String> labels,
            final Map<String, Integer> namedPorts)
        {
            return new Endpoint(name, namespace, labels, namedPorts, null);
        }

        static Endpoint external(final String name, final String ip)
        {
            return new Endpoint(name, null, Map.of(), Map.of(), ip);
        }

        boolean isPod()
        {
            return ip == null;
        }

        Map<String, String> namespaceLabels()
        {
            return Map.of("kubernetes.io/metadata.name", namespace);
        }

        @Override
        public String toString()
        {
            return name;
        }
    }

    private final String namespace;
    private final List<NetworkPolicy> policies;

    K8sNetworkPolicies(final String namespace, final List<NetworkPolicy> policies)
    {
        this.namespace = namespace;
        this.policies = policies;
    }

    boolean allowed(final Endpoint from, final Endpoint to, final String protocol, final int port)
    {
        return egressAllowed(from, to, protocol, port) && ingressAllowed(from, to, protocol, port);
    }

    private boolean egressAllowed(final Endpoint from, final Endpoint to, final String protocol, final int port)
    {
        if (!from.isPod() || !namespace.equals(from.namespace()))
        {
            return true;
        }
        boolean selected = false;
        for (final NetworkPolicy policy : policies)
        {
            if (!hasType(policy, "Egress") ||
                !K8sObjects.matches(policy.getSpec().getPodSelector(), from.labels()))
            {
                continue;
            }
            selected = true;
            for (final var rule : nullToEmpty(policy.getSpec().getEgress()))
            {
                if (peersMatch(rule.getTo(), to) && portsMatch(rule.getPorts(), to, protocol, port))
                {
                    return true;
                }
            }
        }
        return !selected;
    }

    private boolean ingressAllowed(final Endpoint from, final Endpoint to, final String protocol, final int port)
    {
        if (!to.isPod() || !namespace.equals(to.namespace()))
        {
            return true;
        }
        boolean selected = false;
        for (final NetworkPolicy policy : policies)
        {
            if (!hasType(policy, "Ingress") ||
                !K8sObjects.matches(policy.getSpec().getPodSelector(), to.labels()))
            {
                continue;
            }
            selected = true;
            for (final var rule : nullToEmpty(policy.getSpec().getIngress()))
            {
                if (peersMatch(rule.getFrom(), from) && portsMatch(rule.getPorts(), to, protocol, port))
                {
                    return true;
                }
            }
        }
        return !selected;
    }

    /** policyTypes as the API defaults them: Ingress always, Egress when there are egress rules. */
    private static boolean hasType(final NetworkPolicy policy, final String type)
    {
        final List<String> types = policy.getSpec().getPolicyTypes();
        if (types == null || types.isEmpty())
        {
            return "Ingress".equals(type) || !nullToEmpty(policy.getSpec().getEgress()).isEmpty();
        }
        return types.contains(type);
    }

    /** An empty or missing peer list matches every endpoint. */
    private boolean peersMatch(final List<NetworkPolicyPeer> peers, final Endpoint endpoint)
    {
        if (peers == null || peers.isEmpty())
        {
            return true;
        }
        for (final NetworkPolicyPeer peer : peers)
        {
            if (peerMatches(peer, endpoint))
            {
                return true;
            }
        }
        return false;
    }

    private boolean peerMatches(final NetworkPolicyPeer peer, final Endpoint endpoint)
    {
        if (peer.getIpBlock() != null)
        {
            return !endpoint.isPod() && inBlock(peer.getIpBlock(), endpoint.ip());
        }
        if (!endpoint.isPod())
        {
            return false;
        }
        final boolean namespaceOk = peer.getNamespaceSelector() == null
            ? namespace.equals(endpoint.namespace())
            : K8sObjects.matches(peer.getNamespaceSelector(), endpoint.namespaceLabels());
        final boolean podOk = peer.getPodSelector() == null ||
            K8sObjects.matches(peer.getPodSelector(), endpoint.labels());
        return namespaceOk && podOk;
    }

    /** An empty or missing port list matches every port; a named port is looked up on the destination pod. */
    private static boolean portsMatch(
        final List<NetworkPolicyPort> ports, final Endpoint to, final String protocol, final int port)
    {
        if (ports == null || ports.isEmpty())
        {
            return true;
        }
        for (final NetworkPolicyPort rule : ports)
        {
            final String ruleProtocol = rule.getProtocol() == null ? "TCP" : rule.getProtocol();
            if (!ruleProtocol.equals(protocol))
            {
                continue;
            }
            final IntOrString rulePort = rule.getPort();
            if (rulePort == null)
            {
                return true;
            }
            if (rulePort.getIntVal() != null)
            {
                final int first = rulePort.getIntVal();
                final int last = rule.getEndPort() != null ? rule.getEndPort() : first;
                if (port >= first && port <= last)
                {
                    return true;
                }
            }
            else if (Integer.valueOf(port).equals(to.namedPorts().get(rulePort.getStrVal())))
            {
                return true;
            }
        }
        return false;
    }

    static boolean inBlock(final IPBlock block, final String ip)
    {
        if (!inCidr(block.getCidr(), ip))
        {
            return false;
        }
        for (final String except : nullToEmpty(block.getExcept()))
        {
            if (inCidr(except, ip))
            {
                return false;
            }
        }
        return true;
    }

    static boolean inCidr(final String cidr, final String ip)
    {
        final String[] parts = cidr.split("/");
        final byte[] network = address(parts[0]);
        final byte[] address = address(ip);
        if (network.length != address.length)
        {
            return false;
        }
        int bits = Integer.parseInt(parts[1]);
        for (int i = 0; i < network.length && bits > 0; i++, bits -= 8)
        {
            final int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((network[i] & mask) != (address[i] & mask))
            {
                return false;
            }
        }
        return true;
    }

    private static byte[] address(final String literal)
    {
        try
        {
            return InetAddress.getByName(literal).getAddress();   // a literal address: no lookup
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("not an IP address: " + literal, ex);
        }
    }

    private static <T> List<T> nullToEmpty(final List<T> list)
    {
        return list == null ? List.of() : list;
    }
}
