package org.qingfeng.connectors.tool;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** A minimal blocking MLLP client: frames a message (VT … FS CR) and reads one framed reply. */
public final class MllpClient implements Closeable {
    public static final byte START = 0x0b;
    public static final byte END = 0x1c;
    public static final byte CR = 0x0d;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpClient(String host, int port, int timeoutMillis) throws IOException {
        this(host, port, timeoutMillis, null);
    }

    /** With a TLS socket factory, the connection is TLS (the server's certificate checked by the factory's trust). */
    public MllpClient(String host, int port, int timeoutMillis, SSLSocketFactory tls) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port), timeoutMillis);
        if (tls != null) {
            SSLSocket secure = (SSLSocket) tls.createSocket(plain, host, port, true);
            secure.setSoTimeout(timeoutMillis);
            secure.startHandshake();
            socket = secure;
        } else {
            socket = plain;
        }
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends one message and returns the bytes of the reply between the MLLP frame characters. */
    public byte[] send(byte[] message) throws IOException {
        byte[] framed = new byte[message.length + 3];
        framed[0] = START;
        System.arraycopy(message, 0, framed, 1, message.length);
        framed[framed.length - 2] = END;
        framed[framed.length - 1] = CR;
        out.write(framed);
        out.flush();
        return readFrame();
    }

    private byte[] readFrame() throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before an acknowledgement arrived");
            }
        } while (b != START);
        ByteArrayOutputStream reply = new ByteArrayOutputStream(256);
        while (true) {
            b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside an acknowledgement");
            }
            if (b == END) {
                in.read(); // trailing CR
                return reply.toByteArray();
            }
            reply.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
