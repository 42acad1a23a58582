package zvt.crypto.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import zvt.crypto.ops.launch.BackfillCommand;
import zvt.crypto.ops.launch.DemoCommand;
import zvt.crypto.ops.launch.RebuildCommand;
import zvt.crypto.ops.launch.RunCommand;
import zvt.crypto.ops.launch.SimulateCommand;
import zvt.crypto.ops.load.LoadTestCommand;
import zvt.crypto.ops.tools.HashKeyCommand;
import zvt.crypto.ops.tools.JournalCommand;
import zvt.crypto.ops.tools.ReplayCommand;

/**
 * The one binary: {@code java -jar zvt-crypto.jar <command>}. See {@code --help} of each command.
 */
@Command(
    name = "zvt-crypto",
    mixinStandardHelpOptions = true,
    version = "zvt-crypto 0.1.0",
    description = "Low-latency, event-sourced market-data pipeline for crypto exchanges",
    subcommands = {
        DemoCommand.class,
        RunCommand.class,
        SimulateCommand.class,
        JournalCommand.class,
        ReplayCommand.class,
        BackfillCommand.class,
        RebuildCommand.class,
        HashKeyCommand.class,
        LoadTestCommand.class,
        CommandLine.HelpCommand.class})
public final class ZvtCrypto
{
    static
    {
        // Before any Chronicle class loads: never phone home (the analytics jar is also excluded from the build).
        System.setProperty("chronicle.analytics.disable", "true");
        // Netty's default leak detection samples buffers with a stack trace each: a per-frame cost on the feed and
        // gateway loops in production. Tests keep Netty's default; -Dio.netty.leakDetection.level still wins here.
        if (System.getProperty("io.netty.leakDetection.level") == null)
        {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
    }

    private ZvtCrypto()
    {
    }

    /**
     * The CLI: every command and subcommand answers {@code --help} (and shows its defaults) and {@code --version}; a
     * failing command prints {@code error: <message>} (with {@code ZVT_DEBUG} set, the stack too) and exits 1.
     */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new ZvtCrypto());
        withHelp(commandLine);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            cmd.getErr().println("error: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            if (System.getenv("ZVT_DEBUG") != null)
            {
                ex.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return commandLine;
    }

    private static void withHelp(final CommandLine command)
    {
        command.getCommandSpec().mixinStandardHelpOptions(true);
        command.getCommandSpec().usageMessage().showDefaultValues(true);
        command.getSubcommands().values().forEach(ZvtCrypto::withHelp);
    }

    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }
}
