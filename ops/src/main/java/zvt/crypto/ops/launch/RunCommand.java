package zvt.crypto.ops.launch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import zvt.crypto.ops.config.NodeConfig;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code run --config FILE}: a node against the venues, journal and gateway the configuration names.
 */
@Command(name = "run",
    description = "Run a node (node.role: all, or gateway fed by Redis) from a config file; SIGTERM drains and exits")
public final class RunCommand implements Callable<Integer>
{
    @Option(names = "--config", description = "config file (properties; see ops/config/zvt-crypto.properties)")
    Path config;

    public Integer call() throws Exception
    {
        NodeRunner.runUntilSignalled(NodeConfig.load(config, System.getenv()), () -> { });
        return 0;
    }
}
