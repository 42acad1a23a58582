package zvt.crypto.journal;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a journal holds, from one full read: entry counts by event type and venue, the first and last entry, and the
 * files on disk. A value object; {@link #format()} gives the text {@code journal stats} prints.
 *
 * @param directory             where the journal lives.
 * @param entries               every data entry read.
 * @param invalidEntries        entries that are not events of this schema (too short, another schema id, or an
 *                              unknown template); not in the per-type or per-venue counts.
 * @param countsByType          events per type; types with none are absent.
 * @param countsByVenue         events per venue; venues with none are absent.
 * @param firstIndex            index of the first entry, or {@link Journal#NO_INDEX}.
 * @param lastIndex             index of the last entry, or {@link Journal#NO_INDEX}.
 * @param firstReceiveTimeNanos receive time of the first event in journal order, or {@link #NO_TIME}.
 * @param lastReceiveTimeNanos  receive time of the last event in journal order, or {@link #NO_TIME}.
 * @param cycleFiles            Chronicle cycle files ({@code *.cq4}) in the directory.
 * @param bytesOnDisk           size of every file in the directory; Chronicle pre-allocates cycle files in blocks
 *                              (sparse on Linux), so this is the space reserved rather than the bytes written.
 */
public record JournalStats(
    Path directory,
    long entries,
    long invalidEntries,
    Map<EventType, Long> countsByType,
    Map<Venue, Long> countsByVenue,
    long firstIndex,
    long lastIndex,
    long firstReceiveTimeNanos,
    long lastReceiveTimeNanos,
    int cycleFiles,
    long bytesOnDisk)
{
    public static final long NO_TIME = Long.MIN_VALUE;

    /**
     * Reads the whole journal on the calling thread.
     */
    public static JournalStats of(final Journal journal)
    {
        final Counter counter = new Counter();
        try (JournalReader reader = journal.newReader())
        {
            reader.toStart();
            while (reader.readNext(counter))
            {
                // the counter does the work
            }
        }

        final Map<EventType, Long> byType = new EnumMap<>(EventType.class);
        for (final EventType type : EventType.values())
        {
            if (counter.byType[type.ordinal()] > 0)
            {
                byType.put(type, counter.byType[type.ordinal()]);
            }
        }
        final Map<Venue, Long> byVenue = new EnumMap<>(Venue.class);
        for (final Venue venue : Venue.values())
        {
            if (venue != Venue.NULL_VAL && counter.byVenue[venue.value()] > 0)
            {
                byVenue.put(venue, counter.byVenue[venue.value()]);
            }
        }

        final JournalFiles files = JournalFiles.in(journal.directory());
        return new JournalStats(
            journal.directory(),
            counter.entries,
            counter.invalid,
            Collections.unmodifiableMap(byType),
            Collections.unmodifiableMap(byVenue),
            counter.firstIndex,
            counter.lastIndex,
            counter.firstTime,
            counter.lastTime,
            files.cycleFiles(),
            files.bytesOnDisk());
    }

    /** @return events of this type, 0 if none. */
    public long count(final EventType type)
    {
        return countsByType.getOrDefault(type, 0L);
    }

    /** @return events from this venue, 0 if none. */
    public long count(final Venue venue)
    {
        return countsByVenue.getOrDefault(venue, 0L);
    }

    /** @return a human-readable report: a two-column table, labels padded so no value runs into its label. */
    public String format()
    {
        final Map<String, String> rows = new LinkedHashMap<>();
        rows.put("journal", directory.toAbsolutePath().toString());
        rows.put("entries", Long.toString(entries));
        rows.put("invalid", Long.toString(invalidEntries));
        rows.put("first index", formatIndex(firstIndex));
        rows.put("last index", formatIndex(lastIndex));
        rows.put("first received", formatTime(firstReceiveTimeNanos));
        rows.put("last received", formatTime(lastReceiveTimeNanos));
        rows.put("cycle files", Integer.toString(cycleFiles));
        rows.put("bytes on disk", Long.toString(bytesOnDisk));
        countsByType.forEach((type, count) -> rows.put("type " + type.label(), Long.toString(count)));
        countsByVenue.forEach((venue, count) -> rows.put("venue " + venue.name(), Long.toString(count)));
        final int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        final StringBuilder text = new StringBuilder(512);
        rows.forEach((label, value) -> text.append(label).repeat(' ', width - label.length()).append(value)
            .append('\n'));
        return text.toString();
    }

    private static String formatIndex(final long index)
    {
        return index == Journal.NO_INDEX ? "-" : index + " (0x" + Long.toHexString(index) + ')';
    }

    private static String formatTime(final long epochNanos)
    {
        return epochNanos == NO_TIME ? "-" :
            Instant.ofEpochSecond(0, epochNanos).toString();
    }

    private static final class Counter implements JournalEventListener
    {
        private final long[] byType = new long[EventType.values().length];
        private final long[] byVenue = new long[256];
        private long entries;
        private long invalid;
        private long firstIndex = Journal.NO_INDEX;
        private long lastIndex = Journal.NO_INDEX;
        private long firstTime = NO_TIME;
        private long lastTime = NO_TIME;

        public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
        {
            entries++;
            if (firstIndex == Journal.NO_INDEX)
            {
                firstIndex = index;
            }
            lastIndex = index;
            final EventType type = length >= EventView.MIN_LENGTH &&
                EventView.schemaId(buffer, offset) == MessageHeaderDecoder.SCHEMA_ID ?
                EventType.ofTemplateId(EventView.templateId(buffer, offset)) : null;
            if (type == null)
            {
                invalid++;
                return;
            }
            byType[type.ordinal()]++;
            byVenue[EventView.venueCode(buffer, offset)]++;
            final long time = EventView.receiveTimeNanos(buffer, offset);
            if (firstTime == NO_TIME)
            {
                firstTime = time;
            }
            lastTime = time;
        }
    }
}
