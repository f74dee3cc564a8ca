package org.vatools.core.descriptor;

import java.net.URI;
import java.time.Duration;

/** A post-install check the installer runs on the target once the appliance is installed. */
public sealed interface Check permits Check.Http, Check.Tcp {

    /** How long the installer keeps retrying before it reports the check as failed. */
    Duration timeout();

    /** An HTTP(S) GET whose status must equal {@code expectedStatus}. */
    record Http(URI url, int expectedStatus, Duration timeout) implements Check {
        @Override
        public String toString() {
            return "GET " + url + " -> " + expectedStatus;
        }
    }

    /** A TCP connect to {@code host:port}. */
    record Tcp(String host, int port, Duration timeout) implements Check {
        @Override
        public String toString() {
            return "TCP " + host + ":" + port;
        }
    }
}
