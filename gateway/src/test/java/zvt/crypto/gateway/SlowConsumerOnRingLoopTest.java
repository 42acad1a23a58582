package zvt.crypto.gateway;

/**
 * {@link SlowConsumerTest} in the node's default layout: the sessions on the loop that drains the ring, where the
 * fan-out writes to them in the loop instead of handing a drain to another thread.
 */
class SlowConsumerOnRingLoopTest extends SlowConsumerTest
{
    @Override
    GatewayHarness harness(final GatewayContext context)
    {
        return GatewayHarness.onRingLoop(context);
    }
}
