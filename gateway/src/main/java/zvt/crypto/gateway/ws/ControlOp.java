package zvt.crypto.gateway.ws;

/**
 * What a client's control message asks for.
 */
enum ControlOp
{
    SUBSCRIBE,
    UNSUBSCRIBE,
    PING
}
