package zvt.crypto.feed.simulator;

/**
 * One injected fault. For message faults, {@code first}/{@code last} are the message's sequence ids:
 * {@code U}/{@code u} of a depth event, the trade id of a trade, the aggregate id of an aggTrade, {@code u} of a
 * bookTicker, the kline's open time; 0 where there is none. {@code count} is how many messages the record covers (a
 * lost batch may cover many; its ids are not listed).
 *
 * @param kind         what happened.
 * @param connectionId the simulator's id of the connection (1, 2, ... in accept order), 0 for all or for REST.
 * @param streamKind   the kind of message, or null for connection-level and REST faults.
 * @param venueSymbol  the symbol, or null.
 * @param first        first sequence id of the message.
 * @param last         last sequence id of the message.
 * @param count        messages affected.
 * @param timeMs       epoch millis when it was injected.
 */
public record FaultRecord(
    FaultKind kind,
    long connectionId,
    StreamKind streamKind,
    String venueSymbol,
    long first,
    long last,
    long count,
    long timeMs)
{
}
