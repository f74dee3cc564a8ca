package org.vatools.vainstall.target;

/** Permissions and ownership a file gets when a target writes it. */
public record FileMode(int mode, String owner, String group) {
    public FileMode {
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(mode));
        }
        if (!owner.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*") || !group.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("bad owner or group: " + owner + ":" + group);
        }
    }

    /** 0600 root:root: answers that hold secrets. */
    public static FileMode rootOnly() {
        return new FileMode(0600, "root", "root");
    }

    /** 0644 root:root: configuration anyone may read. */
    public static FileMode publicReadable() {
        return new FileMode(0644, "root", "root");
    }

    /** 0755 root:root. */
    public static FileMode executable() {
        return new FileMode(0755, "root", "root");
    }

    public String octal() {
        return String.format("%04o", mode);
    }
}
