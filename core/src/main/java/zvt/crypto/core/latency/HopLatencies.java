package zvt.crypto.core.latency;

import java.util.List;

import org.agrona.concurrent.EpochNanoClock;

/**
 * The pipeline's hops, each a {@link HopLatency}, and the clock they are measured with (the one that stamps receive
 * times, so differences are meaningful). One per node, handed to the stages that record.
 * <ul>
 *   <li>{@code exchange_to_receive}: venue's exchange time to our receive time (includes clock offset);</li>
 *   <li>{@code receive_to_journal}: receive time to the journal append;</li>
 *   <li>{@code journal_to_fanout}: journal append to the fan-out handing the message to subscribers' outboxes;</li>
 *   <li>{@code receive_to_database}: receive time of a batch's oldest entry to its database commit.</li>
 * </ul>
 */
public final class HopLatencies
{
    private final EpochNanoClock clock;
    private final HopLatency exchangeToReceive = new HopLatency("exchange_to_receive");
    private final HopLatency receiveToJournal = new HopLatency("receive_to_journal");
    private final HopLatency journalToFanout = new HopLatency("journal_to_fanout");
    private final HopLatency receiveToDatabase = new HopLatency("receive_to_database");

    public HopLatencies(final EpochNanoClock clock)
    {
        this.clock = clock;
    }

    public EpochNanoClock clock()
    {
        return clock;
    }

    public HopLatency exchangeToReceive()
    {
        return exchangeToReceive;
    }

    public HopLatency receiveToJournal()
    {
        return receiveToJournal;
    }

    public HopLatency journalToFanout()
    {
        return journalToFanout;
    }

    public HopLatency receiveToDatabase()
    {
        return receiveToDatabase;
    }

    public List<HopLatency> all()
    {
        return List.of(exchangeToReceive, receiveToJournal, journalToFanout, receiveToDatabase);
    }
}
