package zvt.crypto.core.counters;

import java.util.List;

/**
 * One metric: its name (Prometheus conventions, without {@code _total}), help, kind and label names. Each of its
 * counters carries one value per label name.
 */
public record CounterFamily(String name, String help, Kind kind, List<String> labelNames)
{
    /** How the value reads: only ever up, or up and down. */
    public enum Kind
    {
        COUNTER,
        GAUGE
    }
}
