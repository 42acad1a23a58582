package zvt.crypto.gateway.ws;

/**
 * What a client's control message asks for.
 */
enum ControlOp
{
    SUBSCRIBE,
    UNSUBSCRIBE,
    /** A time range from the journal, then {@code replay_end}. */
    REPLAY,
    /** Ends the running replay early; it still ends with {@code replay_end}. */
    STOP_REPLAY,
    PING
}
