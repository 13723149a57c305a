package org.qingfeng.app.support;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.qingfeng.connectors.tool.MllpClient;

/** Sends over a real MLLP socket and returns the ACK as text with segments split on CR. */
public final class MllpTestClient {
    private MllpTestClient() {}

    public static String send(int port, String message) throws IOException {
        return send(port, message.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    public static String send(int port, byte[] message, Charset charset) throws IOException {
        try (MllpClient client = new MllpClient("127.0.0.1", port, 15_000)) {
            return new String(client.send(message), charset);
        }
    }

    public static String ackCode(String ack) {
        for (String segment : ack.split("\r")) {
            if (segment.startsWith("MSA|")) {
                return segment.substring(4, 6);
            }
        }
        throw new AssertionError("no MSA segment in ACK: " + ack);
    }

    public static String segment(String ack, String name) {
        for (String segment : ack.split("\r")) {
            if (segment.startsWith(name + "|")) {
                return segment;
            }
        }
        return null;
    }
}
