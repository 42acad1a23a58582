package zvt.crypto.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.event.MarketEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A writer JVM killed with SIGKILL mid-stream leaves a journal that reopens, holds every event it acknowledged,
 * intact and in order, and takes new appends.
 */
class JournalCrashTest
{
    private static final int ACK_EVERY = 5_000;
    private static final int ACKS_BEFORE_KILL = 20;
    private static final long TOTAL = 20_000_000;
    private static final int SIGKILL_EXIT_CODE = 128 + 9;

    @Test
    void shouldKeepEveryAcknowledgedEventWhenTheWriterIsKilled(@TempDir final Path tmp) throws Exception
    {
        final Path journalDir = tmp.resolve("journal");
        final Path childErr = tmp.resolve("writer.err");
        final Process child = new ProcessBuilder(javaCommand(journalDir))
            .redirectError(childErr.toFile())
            .start();
        final BlockingQueue<String> lines = readLines(child);

        long acknowledged = 0;
        String analyticsDisable = null;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try
        {
            while (acknowledged < (long)ACKS_BEFORE_KILL * ACK_EVERY)
            {
                final String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(EOF))
                {
                    fail("writer stopped or stalled before " + ACKS_BEFORE_KILL + " acks (last ack " + acknowledged +
                        "); stderr:\n" + tail(childErr));
                }
                if (line.startsWith("ACK "))
                {
                    acknowledged = Long.parseLong(line.substring(4));
                }
                else if (line.startsWith("ANALYTICS_DISABLE "))
                {
                    analyticsDisable = line.substring("ANALYTICS_DISABLE ".length());
                }
                else if (line.startsWith("DONE") || line.startsWith("UNJOURNALED"))
                {
                    fail("writer was not mid-stream: " + line);
                }
            }
        }
        finally
        {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "killed writer did not exit");
        assertEquals(SIGKILL_EXIT_CODE, child.exitValue(), "writer should have died of SIGKILL");
        assertEquals("true", analyticsDisable, "the journal must disable Chronicle analytics by itself");
        // acks printed between the last one read and the kill are acknowledged too
        for (String line = lines.poll(); line != null; line = lines.poll())
        {
            if (line.startsWith("ACK "))
            {
                acknowledged = Long.parseLong(line.substring(4));
            }
        }

        try (Journal journal = Journal.open(new JournalContext().directory(journalDir)))
        {
            final Verifier verifier = new Verifier();
            try (JournalReader reader = journal.newReader())
            {
                reader.toStart();
                while (reader.readNext(verifier))
                {
                    // the verifier checks each entry
                }
            }
            assertTrue(verifier.next >= acknowledged,
                "journal holds " + verifier.next + " events but " + acknowledged + " were acknowledged");
            assertTrue(verifier.next < TOTAL, "writer finished; it was not killed mid-stream");

            final long lastBefore = journal.lastIndex();
            assertEquals(verifier.lastIndex, lastBefore);
            final long appendedIndex = appendTrade(journal, verifier.next);
            assertTrue(appendedIndex > lastBefore, "append after the crash goes after the last entry");
            assertEquals(appendedIndex, journal.lastIndex());

            final Verifier reread = new Verifier();
            try (JournalReader reader = journal.newReader())
            {
                reader.toStart();
                while (reader.readNext(reread))
                {
                    // the verifier checks each entry
                }
            }
            assertEquals(verifier.next + 1, reread.next, "every surviving event plus the new one");
            assertEquals(appendedIndex, reread.lastIndex);
        }
    }

    private static long appendTrade(final Journal journal, final long i)
    {
        try (TradeAppender appender = new TradeAppender(journal))
        {
            return appender.append(i, SyntheticTrades.receiveTimeNanos(i));
        }
    }

    private static List<String> javaCommand(final Path journalDir)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        final List<String> inputArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int k = 0; k < inputArguments.size(); k++)
        {
            final String argument = inputArguments.get(k);
            if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports"))
            {
                command.add(argument);
                if (!argument.contains("=") && k + 1 < inputArguments.size())
                {
                    command.add(inputArguments.get(++k));
                }
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(JournalWriterMain.class.getName());
        command.add(journalDir.toString());
        command.add(Integer.toString(ACK_EVERY));
        command.add(Long.toString(TOTAL));
        return command;
    }

    private static final String EOF = "\u0000EOF";

    private static BlockingQueue<String> readLines(final Process child)
    {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII)))
            {
                for (String line = in.readLine(); line != null; line = in.readLine())
                {
                    lines.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // the child died; EOF below tells the test
            }
            lines.add(EOF);
        }, "writer-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String tail(final Path file) throws IOException
    {
        if (!Files.exists(file))
        {
            return "(none)";
        }
        final List<String> all = Files.readAllLines(file);
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    }

    /** Entry n must be trade n, byte for byte. */
    private static final class Verifier implements JournalEventListener
    {
        private final SyntheticTrades trades = new SyntheticTrades();
        private final UnsafeBuffer expected = new UnsafeBuffer(new byte[MarketEvent.CAPACITY]);
        private long next;
        private long lastIndex = Journal.NO_INDEX;

        public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
        {
            final long i = next++;
            final int expectedLength = trades.encode(i, expected, 0);
            if (length != expectedLength)
            {
                fail("entry " + i + " at index " + index + ": length " + length + ", expected " + expectedLength);
            }
            for (int k = 0; k < length; k++)
            {
                if (buffer.getByte(offset + k) != expected.getByte(k))
                {
                    fail("entry " + i + " at index " + index + ": byte " + k + " differs");
                }
            }
            if (index <= lastIndex)
            {
                fail("entry " + i + ": index " + index + " not after " + lastIndex);
            }
            lastIndex = index;
        }
    }
}
