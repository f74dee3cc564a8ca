package org.vatools.vainstall.target;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A TCP connection opened from the target's point of view: a plain socket on the local host, a
 * {@code direct-tcpip} channel through the SSH session for a remote one. Post-install checks talk
 * to the appliance through it, so they need no curl or bash on the server.
 */
public interface TargetConnection extends Closeable {
    InputStream input();

    OutputStream output();
}
