package zvt.crypto.journal.replay;

import org.agrona.DirectBuffer;
import org.agrona.collections.IntHashSet;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which journal entries a replay delivers: receive time in {@code [from, to)}, and venue, instrument id and event
 * type each in its set, where an empty set means all. Matching reads only the common prefix of the event
 * ({@link EventView}): no decoding, no allocation. Entries that are not events of this schema never match.
 * <p>
 * Not thread-safe while being configured; configure, then hand it to one replay at a time.
 */
public final class ReplayFilter
{
    private long fromNanos = Long.MIN_VALUE;
    private long toNanos = Long.MAX_VALUE;
    private final boolean[] venues = new boolean[256];
    private final IntHashSet instrumentIds = new IntHashSet();
    private final boolean[] types = new boolean[EventType.values().length];
    private final Set<Venue> venueSet = EnumSet.noneOf(Venue.class);
    private final Set<EventType> typeSet = EnumSet.noneOf(EventType.class);

    /** @return a filter that matches every event. */
    public static ReplayFilter all()
    {
        return new ReplayFilter();
    }

    /** @param fromNanos inclusive lower bound on receive time (epoch nanos). */
    public ReplayFilter from(final long fromNanos)
    {
        this.fromNanos = fromNanos;
        return this;
    }

    /** @param toNanos exclusive upper bound on receive time (epoch nanos). */
    public ReplayFilter to(final long toNanos)
    {
        this.toNanos = toNanos;
        return this;
    }

    /** @param venues the venues to deliver; empty for all. Replaces any earlier choice. */
    public ReplayFilter venues(final Collection<Venue> venues)
    {
        Arrays.fill(this.venues, false);
        venueSet.clear();
        for (final Venue venue : venues)
        {
            if (venue == Venue.NULL_VAL)
            {
                throw new IllegalArgumentException("not a venue: " + venue);
            }
            this.venues[venue.value()] = true;
            venueSet.add(venue);
        }
        return this;
    }

    /** @param instrumentIds the instrument ids to deliver; empty for all. Replaces any earlier choice. */
    public ReplayFilter instrumentIds(final Collection<Integer> instrumentIds)
    {
        this.instrumentIds.clear();
        this.instrumentIds.addAll(instrumentIds);
        return this;
    }

    /** @param types the event types to deliver; empty for all. Replaces any earlier choice. */
    public ReplayFilter types(final Collection<EventType> types)
    {
        Arrays.fill(this.types, false);
        typeSet.clear();
        for (final EventType type : types)
        {
            this.types[type.ordinal()] = true;
            typeSet.add(type);
        }
        return this;
    }

    public long fromNanos()
    {
        return fromNanos;
    }

    public long toNanos()
    {
        return toNanos;
    }

    /** @return true if a lower time bound is set, so a replay can start with a time seek. */
    public boolean hasFrom()
    {
        return fromNanos != Long.MIN_VALUE;
    }

    /** @return true if an upper time bound is set, so a replay can stop early. */
    public boolean hasTo()
    {
        return toNanos != Long.MAX_VALUE;
    }

    /**
     * @return true if the entry is an event of this schema that passes every criterion.
     */
    public boolean matches(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < EventView.MIN_LENGTH || EventView.schemaId(buffer, offset) != MessageHeaderDecoder.SCHEMA_ID)
        {
            return false;
        }
        final long receiveTime = EventView.receiveTimeNanos(buffer, offset);
        if (receiveTime < fromNanos || receiveTime >= toNanos)
        {
            return false;
        }
        if (!venueSet.isEmpty() && !venues[EventView.venueCode(buffer, offset)])
        {
            return false;
        }
        if (!instrumentIds.isEmpty() && !instrumentIds.contains(EventView.instrumentId(buffer, offset)))
        {
            return false;
        }
        if (!typeSet.isEmpty())
        {
            final EventType type = EventType.ofTemplateId(EventView.templateId(buffer, offset));
            return type != null && types[type.ordinal()];
        }
        return true;
    }

    public String toString()
    {
        return "ReplayFilter{from=" + (hasFrom() ? fromNanos : "-") +
            ", to=" + (hasTo() ? toNanos : "-") +
            ", venues=" + (venueSet.isEmpty() ? "all" : venueSet) +
            ", instrumentIds=" + (instrumentIds.isEmpty() ? "all" : instrumentIds) +
            ", types=" + (typeSet.isEmpty() ? "all" : typeSet) +
            '}';
    }
}
