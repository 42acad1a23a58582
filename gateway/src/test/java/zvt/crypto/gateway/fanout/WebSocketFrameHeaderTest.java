package zvt.crypto.gateway.fanout;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our pre-framed text frames, read back by Netty's own WebSocket frame decoder as a client would read them, at every
 * length-encoding boundary.
 */
class WebSocketFrameHeaderTest
{
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void shouldFrameTextThatAWebSocketClientDecodes(final int payloadLength)
    {
        final String text = "j".repeat(payloadLength);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int headerLength = WebSocketFrameHeader.putHeader(buffer, 0, payloadLength, false);
        assertEquals(WebSocketFrameHeader.headerLength(payloadLength), headerLength);
        buffer.putStringWithoutLengthAscii(headerLength, text);

        final WebSocketDecoderConfig clientSide = WebSocketDecoderConfig.newBuilder()
            .expectMaskedFrames(false)
            .maxFramePayloadLength(1 << 20)
            .build();
        final EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(clientSide));
        client.writeInbound(Unpooled.wrappedBuffer(buffer.byteArray(), 0, headerLength + payloadLength));
        final TextWebSocketFrame frame = assertInstanceOf(TextWebSocketFrame.class, client.readInbound());
        try
        {
            assertTrue(frame.isFinalFragment());
            assertEquals(text, frame.content().toString(StandardCharsets.US_ASCII));
        }
        finally
        {
            frame.release();
            client.finishAndReleaseAll();
        }
    }
}
