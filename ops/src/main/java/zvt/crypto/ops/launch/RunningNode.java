package zvt.crypto.ops.launch;

import java.net.URI;

/** A node of any role, running until closed. */
interface RunningNode extends AutoCloseable
{
    URI gatewayUri();
}
