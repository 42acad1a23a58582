package zvt.crypto.journal;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.ProducerType;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a forked JVM by {@link JournalCrashTest}: streams synthetic trades 0, 1, 2, ... through ring → journal and,
 * from an after-journal consumer, prints {@code ACK n} each time the first n trades have passed the journal. Prints
 * {@code ANALYTICS_DISABLE <value>} once the journal is open (the property was not passed in), and exits when its
 * standard input closes, so it never outlives the test that started it.
 * <p>
 * Arguments: journal directory, trades per acknowledgement, trades in total.
 */
public final class JournalWriterMain
{
    private JournalWriterMain()
    {
    }

    public static void main(final String[] args)
    {
        final Path directory = Path.of(args[0]);
        final int ackEvery = Integer.parseInt(args[1]);
        final long total = Long.parseLong(args[2]);
        exitWhenParentGoes();

        final PrintStream out = System.out;
        try (Journal journal = Journal.open(new JournalContext().directory(directory)))
        {
            out.println("ANALYTICS_DISABLE " + System.getProperty(ChronicleSettings.ANALYTICS_DISABLE_PROP_NAME));
            out.flush();
            final MarketEventRing ring = new MarketEventRing(
                new RingContext().ringSize(4_096).producerType(ProducerType.SINGLE),
                new JournalEventHandler(journal),
                List.of(new Acknowledger(out, ackEvery)));
            ring.start();
            final TradePublisher publisher = new TradePublisher(ring.ringBuffer());
            for (long i = 0; i < total; i++)
            {
                publisher.publish(i);
            }
            ring.close();
            out.println("DONE " + total);
        }
    }

    private static void exitWhenParentGoes()
    {
        final Thread watchdog = new Thread(() ->
        {
            try
            {
                while (System.in.read() >= 0)
                {
                    // nothing to read but the end
                }
            }
            catch (final IOException ignore)
            {
                // the parent is gone either way
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static final class Acknowledger implements EventHandler<MarketEvent>
    {
        private final PrintStream out;
        private final int ackEvery;
        private long journaled;

        Acknowledger(final PrintStream out, final int ackEvery)
        {
            this.out = out;
            this.ackEvery = ackEvery;
        }

        public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
        {
            if (event.journalIndex() == MarketEvent.NO_JOURNAL_INDEX)
            {
                out.println("UNJOURNALED " + journaled);
                return;
            }
            if (++journaled % ackEvery == 0)
            {
                out.println("ACK " + journaled);
                out.flush();
            }
        }
    }
}
