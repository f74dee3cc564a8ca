package org.vatools.vainstall.cli;

/** {@code vainstall}: install appliances through the distribution's package manager. */
public final class VainstallMain {
    private VainstallMain() {
    }

    public static void main(String[] args) {
        System.err.println("vainstall: not implemented yet");
        System.exit(1);
    }
}
