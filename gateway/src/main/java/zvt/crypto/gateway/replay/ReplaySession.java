package zvt.crypto.gateway.replay;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import zvt.crypto.journal.replay.ReplayResult;

/**
 * What a {@link SocketReplay} tells the session it replays to. Called on the replay's thread; the session answers
 * the client on its own event loop. Netty runs tasks handed to an event loop in order, and the replay hands over
 * its frames the same way, so each reply reaches the client between the frames it was called between.
 */
public interface ReplaySession
{
    /** The replay starts: say what it covers. */
    void replayStarted();

    /** {@code resume_from} names no entry the journal still holds. */
    void resumeUnavailable();

    /** The resumed subscriptions are live; the fan-out has sent {@code live} already. */
    void resumedLive();

    /**
     * A range replay has ended; every frame it read went before this call.
     *
     * @param end       why: end of range, end of journal, or stopped by the client.
     * @param delivered messages sent.
     * @param lastIndex journal index of the last one sent, or {@code Journal.NO_INDEX}.
     */
    void replayEnded(ReplayResult.End end, long delivered, long lastIndex);

    /** The replay cannot go on: close the session with this status and reason. */
    void replayFailed(WebSocketCloseStatus status, String reason);
}
