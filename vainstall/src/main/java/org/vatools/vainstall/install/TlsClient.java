package org.vatools.vainstall.install;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS over a pair of streams (an SSH channel is not a socket), with the JDK's default trust store
 * and HTTPS host name verification: one request out, the response read until {@code untilBytes}
 * or the end. Enough for a post-install status check; no renegotiation, no reuse.
 */
final class TlsClient {
    private final SSLEngine engine;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuffer netIn;
    private final ByteBuffer netOut;
    private final ByteBuffer appIn;
    private boolean eof;

    TlsClient(SSLContext context, String host, int port, InputStream in, OutputStream out) {
        this.engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            p.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(p);
        this.in = in;
        this.out = out;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /** Handshakes, sends {@code request}, and returns what the server answered (at least until a CRLF). */
    byte[] exchange(byte[] request, int untilBytes) throws IOException {
        engine.beginHandshake();
        handshake();
        ByteBuffer app = ByteBuffer.wrap(request);
        while (app.hasRemaining()) {
            wrap(app);
        }
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        while (response.size() < untilBytes && !response.toString(java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("\r\n")) {
            if (!unwrapSome()) {
                break;
            }
            appIn.flip();
            byte[] chunk = new byte[appIn.remaining()];
            appIn.get(chunk);
            appIn.clear();
            response.write(chunk);
        }
        return response.toByteArray();
    }

    private void handshake() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrap(ByteBuffer.allocate(0));
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapSome()) {
                        throw new EOFException("the server closed the connection during the TLS handshake");
                    }
                }
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void wrap(ByteBuffer app) throws IOException {
        netOut.clear();
        SSLEngineResult r = engine.wrap(app, netOut);
        if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED) {
            throw new SSLException("TLS wrap: " + r.getStatus());
        }
        netOut.flip();
        out.write(netOut.array(), 0, netOut.limit());
        out.flush();
    }

    /** Unwraps one record into appIn, reading from the network as needed; false at the end of the stream. */
    private boolean unwrapSome() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            netIn.compact();
            switch (r.getStatus()) {
                case OK -> {
                    if (r.bytesProduced() > 0 || r.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                        return true;
                    }
                }
                case BUFFER_UNDERFLOW -> {
                    if (eof) {
                        return false;
                    }
                    byte[] buf = new byte[netIn.remaining()];
                    int n = in.read(buf);
                    if (n < 0) {
                        eof = true;
                        return false;
                    }
                    netIn.put(buf, 0, n);
                }
                case CLOSED -> {
                    return false;
                }
                default -> throw new SSLException("TLS unwrap: " + r.getStatus());
            }
        }
    }
}
