package zvt.crypto.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command and subcommand of the CLI, found from the command tree (not listed here), answers {@code --help} with
 * its usage and exit code 0, without picocli warnings, even when it has required options.
 */
class CliHelpTest
{
    @Test
    void shouldAnswerHelpOnEveryCommand()
    {
        final List<List<String>> paths = new ArrayList<>();
        collect(ZvtCrypto.commandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 10, "commands found: " + paths);
        for (final List<String> path : paths)
        {
            final CommandLine commandLine = ZvtCrypto.commandLine();
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            commandLine.setOut(new PrintWriter(out));
            commandLine.setErr(new PrintWriter(err));
            final List<String> args = new ArrayList<>(path);
            args.add("--help");
            final int exit = commandLine.execute(args.toArray(String[]::new));
            final String name = String.join(" ", path);
            assertEquals(0, exit, name + " --help: " + err);
            assertTrue(out.toString().contains("Usage:"), name + " --help prints its usage: " + out);
            assertFalse((out + err.toString()).contains("[picocli WARN]"), name + ": " + out + err);
        }
    }

    private static void collect(final CommandLine command, final List<String> path, final List<List<String>> paths)
    {
        for (final var entry : command.getSubcommands().entrySet())
        {
            if (entry.getValue().getCommandSpec().aliases().length > 0 &&
                !entry.getKey().equals(entry.getValue().getCommandName()))
            {
                continue;
            }
            final List<String> sub = new ArrayList<>(path);
            sub.add(entry.getKey());
            paths.add(sub);
            collect(entry.getValue(), sub, paths);
        }
    }
}
