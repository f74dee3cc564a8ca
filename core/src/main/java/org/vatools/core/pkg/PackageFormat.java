package org.vatools.core.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vatools.core.pkg.io.PackageProblems;

/** The two binary package formats, told apart by their first bytes, not by file name. */
public enum PackageFormat {
    DEB, RPM;

    /**
     * The format of {@code file}: an ar archive ({@code !<arch>\n}) is a .deb candidate, the rpm
     * lead magic {@code ED AB EE DB} an rpm.
     *
     * @throws org.vatools.core.InvalidInputException if it is neither
     */
    public static PackageFormat detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        return detect(head, file.toString());
    }

    /** The format of a file that starts with {@code head} (at least its first 8 bytes). */
    public static PackageFormat detect(byte[] head, String source) {
        if (head.length >= 8 && new String(head, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1).equals("!<arch>\n")) {
            return DEB;
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0xed && (head[1] & 0xff) == 0xab && (head[2] & 0xff) == 0xee
                && (head[3] & 0xff) == 0xdb) {
            return RPM;
        }
        throw PackageProblems.invalid(source, "neither a Debian package (no '!<arch>' ar signature) nor an rpm"
                + " (no lead magic ED AB EE DB)" + (head.length < 8 ? "; the file has only " + head.length + " bytes" : ""));
    }
}
