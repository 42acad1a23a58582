package zvt.crypto.feed.simulator.rest;

import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * One endpoint of the {@link RestSimulator}. Called on the simulator's event loop; must not block.
 */
public interface RestRoute
{
    /** Answers a GET; {@code query.parameters()} holds the decoded query parameters. */
    SimulatedReply handle(QueryStringDecoder query);

    /** Cost of the request in the simulated venue's weight budget. */
    default int weight(final QueryStringDecoder query)
    {
        return 1;
    }
}
