package zvt.crypto.ops.launch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import zvt.crypto.ops.config.NodeConfig;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code run --config FILE}: a node against the venues, journal and gateway the configuration names. The file is
 * required: the built-in defaults alone would connect to the real venues, which nobody should do by accident.
 */
@Command(name = "run",
    description = "Run a node (node.role: all, or gateway fed by Redis) from a config file; SIGTERM drains and exits")
public final class RunCommand implements Callable<Integer>
{
    static final String NEEDS_CONFIG = "run needs --config FILE: copy ops/config/zvt-crypto.properties (every key " +
        "documented there) and edit it; to try the pipeline without a venue, use the demo command";

    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "config file (properties; see ops/config/zvt-crypto.properties)")
    Path config;

    public Integer call() throws Exception
    {
        if (config == null)
        {
            throw new ParameterException(spec.commandLine(), NEEDS_CONFIG);
        }
        NodeRunner.runUntilSignalled(NodeConfig.load(config, System.getenv()),
            gateway -> System.out.println("gateway: " + gateway));
        return 0;
    }
}
