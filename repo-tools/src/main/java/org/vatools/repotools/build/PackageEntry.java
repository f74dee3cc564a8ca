package org.vatools.repotools.build;

import java.util.Arrays;
import java.util.Objects;

/**
 * One thing a package installs: a directory or a regular file, always owned by root:root, with an
 * explicit mode. Paths are absolute ({@code /usr/share/doc/NAME/copyright}), without a trailing '/'.
 */
public sealed interface PackageEntry permits PackageEntry.Directory, PackageEntry.RegularFile {
    /** Owner and group of every entry; appliance packages create no users. */
    String OWNER = "root";

    String path();

    /** Permission bits only (no file type), e.g. 0755. */
    int mode();

    /**
     * A directory. {@code owned} directories belong to the appliance (rpm lists them in the
     * package); the others are parents that exist on every host (/usr, /etc/apache2...), which a
     * .deb carries as plain tar entries and an .rpm leaves to the packages that own them.
     */
    record Directory(String path, int mode, boolean owned) implements PackageEntry {
        public Directory {
            checkPath(path);
            checkMode(mode);
        }
    }

    /** How rpm flags a file; a .deb treats all of them alike. */
    enum Role { PLAIN, DOC, LICENSE }

    /**
     * A regular file with its content.
     *
     * @param conffile dpkg conffile / rpm %config(noreplace): local changes survive upgrades
     */
    record RegularFile(String path, int mode, byte[] content, boolean conffile, Role role) implements PackageEntry {
        public RegularFile {
            checkPath(path);
            checkMode(mode);
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(role, "role");
            content = content.clone();
        }

        /** A copy of the content; the record itself never exposes its array. */
        @Override
        public byte[] content() {
            return content.clone();
        }

        public int size() {
            return content.length;
        }

        /** Writes the content without copying it. */
        public void writeTo(java.io.OutputStream out) throws java.io.IOException {
            out.write(content);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RegularFile f && f.path.equals(path) && f.mode == mode && f.conffile == conffile
                    && f.role == role && Arrays.equals(f.content, content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, mode, conffile, role, Arrays.hashCode(content));
        }

        @Override
        public String toString() {
            return "RegularFile[" + path + " " + Integer.toOctalString(mode) + " " + content.length + " bytes"
                    + (conffile ? " conffile" : "") + (role != Role.PLAIN ? " " + role : "") + "]";
        }
    }

    private static void checkPath(String path) {
        if (path == null || !path.startsWith("/") || (path.length() > 1 && path.endsWith("/")) || path.contains("//")) {
            throw new IllegalArgumentException("not an absolute path without trailing '/': " + path);
        }
    }

    private static void checkMode(int mode) {
        if ((mode & ~0777) != 0) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " has bits beyond 0777");
        }
    }
}
