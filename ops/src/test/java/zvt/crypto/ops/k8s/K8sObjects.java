package zvt.crypto.ops.k8s;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Quantity;
import zvt.crypto.ops.k8s.K8sRendering.Workload;

import static zvt.crypto.ops.k8s.K8sRendering.list;
import static zvt.crypto.ops.k8s.K8sRendering.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the fabric8 model in the manifest tests: label selectors, env, quantities, names. */
final class K8sObjects
{
    private K8sObjects()
    {
    }

    /** Kubernetes label-selector semantics; an empty selector matches everything, a missing one nothing. */
    static boolean matches(final LabelSelector selector, final Map<String, String> labels)
    {
        if (selector == null)
        {
            return false;
        }
        for (final var entry : map(selector.getMatchLabels()).entrySet())
        {
            if (!entry.getValue().equals(labels.get(entry.getKey())))
            {
                return false;
            }
        }
        for (final LabelSelectorRequirement requirement : list(selector.getMatchExpressions()))
        {
            final String value = labels.get(requirement.getKey());
            final List<String> values = list(requirement.getValues());
            final boolean ok = switch (requirement.getOperator())
            {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + requirement.getOperator());
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /** A Service's selector (equality only). */
    static boolean matches(final Map<String, String> selector, final Map<String, String> labels)
    {
        return selector != null && labels != null && selector.entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static List<Workload> selectedBy(final List<Workload> workloads, final Map<String, String> selector)
    {
        return workloads.stream().filter(w -> matches(selector, w.podLabels())).toList();
    }

    static boolean isEmpty(final LabelSelector selector)
    {
        return selector != null && map(selector.getMatchLabels()).isEmpty() &&
            list(selector.getMatchExpressions()).isEmpty();
    }

    static boolean hasPort(final Container container, final IntOrString port)
    {
        return list(container.getPorts()).stream().anyMatch(p -> port.getIntVal() != null
            ? port.getIntVal().equals(p.getContainerPort())
            : port.getStrVal().equals(p.getName()));
    }

    static Map<String, EnvVar> env(final Container container)
    {
        final Map<String, EnvVar> env = new HashMap<>();
        for (final EnvVar var : list(container.getEnv()))
        {
            assertTrue(env.put(var.getName(), var) == null, container.getName() + " sets " + var.getName() + " once");
        }
        return env;
    }

    static String value(final Map<String, EnvVar> env, final String name)
    {
        final EnvVar var = env.get(name);
        assertNotNull(var, "env " + name + " is set");
        assertNotNull(var.getValue(), "env " + name + " has a value");
        return var.getValue();
    }

    static long bytes(final Quantity quantity)
    {
        return Quantity.getAmountInBytes(quantity).longValue();
    }

    static Set<String> names(final List<? extends HasMetadata> objects)
    {
        final Set<String> names = new HashSet<>();
        objects.forEach(o -> names.add(o.getMetadata().getName()));
        return names;
    }

    static String describe(final HasMetadata object)
    {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    static <T> T single(final List<T> items, final String what)
    {
        assertEquals(1, items.size(), "exactly one " + what);
        return items.get(0);
    }

    @SafeVarargs
    static <T> T first(final T... values)
    {
        for (final T value : values)
        {
            if (value != null)
            {
                return value;
            }
        }
        return null;
    }
}
