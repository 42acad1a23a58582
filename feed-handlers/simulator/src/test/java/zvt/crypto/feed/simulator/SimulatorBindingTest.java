package zvt.crypto.feed.simulator;

import org.junit.jupiter.api.Test;
import zvt.crypto.feed.simulator.rest.RestSimulator;
import zvt.crypto.feed.simulator.rest.RestSimulatorContext;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorBindingTest
{
    @Test
    void shouldNameTheSimulatorAndAddressItCouldNotBind() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            final int port = taken.getLocalPort();
            final IllegalStateException binance = assertThrows(IllegalStateException.class,
                () -> BinanceSimulator.launch(new BinanceSimulatorContext().host("127.0.0.1").port(port)));
            assertTrue(binance.getMessage().startsWith("cannot bind the simulator to 127.0.0.1:" + port),
                binance.getMessage());
            final IllegalStateException rest = assertThrows(IllegalStateException.class,
                () -> RestSimulator.launch(new RestSimulatorContext().host("127.0.0.1").port(port)));
            assertTrue(rest.getMessage().startsWith("cannot bind the REST simulator to 127.0.0.1:" + port),
                rest.getMessage());
        }
    }

    @Test
    void shouldBracketIpv6LiteralsInTheBaseAddress()
    {
        assertEquals("ws://127.0.0.1:9443", SimulatorBinding.baseUri("ws", "127.0.0.1", 9443));
        assertEquals("https://[::1]:9443", SimulatorBinding.baseUri("https", "::1", 9443));
    }
}
