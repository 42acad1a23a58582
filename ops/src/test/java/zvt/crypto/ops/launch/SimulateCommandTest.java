package zvt.crypto.ops.launch;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimulateCommandTest
{
    @Test
    void shouldDefaultToAFaultFreeSyntheticMarket()
    {
        final SimulateCommand command = new SimulateCommand();
        new CommandLine(command).parseArgs();

        assertEquals("binance", command.venue);
        assertEquals(9443, command.port);
        assertEquals(1000, command.rate);
        assertEquals(0, command.drop);
        assertEquals(0, command.disconnectEveryMs);
        assertNull(command.replay);
    }

    @Test
    void shouldParseFaultAndReplayOptions()
    {
        final SimulateCommand command = new SimulateCommand();
        new CommandLine(command).parseArgs("--venue", "okx", "--port", "0", "--seed", "7", "--book-levels", "20", "--drop-depth", "0.01",
            "--duplicate", "0.002", "--malformed", "0.001", "--disconnect-every-ms", "3000", "--stall-every-ms",
            "10000", "--stall-ms", "500", "--rest-429", "0.1", "--retry-after-s", "2", "--slow-snapshot-ms", "300",
            "--replay", "a.jsonl,b.jsonl", "--speed", "5");

        assertEquals("okx", command.venue);
        assertEquals(7, command.seed);
        assertEquals(20, command.bookLevels);
        assertEquals(0.01, command.dropDepth);
        assertEquals(0.002, command.duplicate);
        assertEquals(3000, command.disconnectEveryMs);
        assertEquals(500, command.stallMs);
        assertEquals(0.1, command.rest429);
        assertEquals(List.of(Path.of("a.jsonl"), Path.of("b.jsonl")), command.replay);
        assertEquals(5, command.speed);
    }

    @Test
    void shouldRejectAnUnknownOption()
    {
        assertThrows(CommandLine.UnmatchedArgumentException.class,
            () -> new CommandLine(new SimulateCommand()).parseArgs("--drop-everything"));
    }
}
