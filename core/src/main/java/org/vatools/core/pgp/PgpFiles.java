package org.vatools.core.pgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * Reading OpenPGP files: key files and signatures, armored (one or several blocks, as
 * {@code cat a.asc b.asc} makes) or binary, with the errors a user can act on.
 */
final class PgpFiles {
    private static final byte[] BEGIN = "-----BEGIN PGP ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "-----END PGP ".getBytes(StandardCharsets.US_ASCII);

    private PgpFiles() {
    }

    /** Reads a file, turning "missing" into NOT_FOUND and "unreadable" into ENVIRONMENT, naming {@code what}. */
    static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ApplianceException(ExitCode.NOT_FOUND, file + ": " + what + " not found", e);
        } catch (AccessDeniedException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, file + ": cannot read the " + what
                    + ": permission denied", e);
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, file + ": cannot read the " + what + ": "
                    + (Files.isDirectory(file) ? "it is a folder" : e.getMessage()), e);
        }
    }

    /** True when the content starts (after blank space) with an armor line. */
    static boolean isArmored(byte[] content) {
        int i = 0;
        while (i < content.length && Character.isWhitespace(content[i])) {
            i++;
        }
        return startsWith(content, i, BEGIN);
    }

    /**
     * The OpenPGP objects in {@code content}: every armored block in turn, or the binary packets.
     *
     * @throws IOException when the content is not OpenPGP data
     */
    static List<Object> objects(byte[] content) throws IOException {
        List<Object> objects = new ArrayList<>();
        if (isArmored(content)) {
            for (byte[] block : armoredBlocks(content)) {
                try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(block))) {
                    collect(in.readAllBytes(), objects);
                }
            }
        } else {
            collect(content, objects);
        }
        return objects;
    }

    private static void collect(byte[] packets, List<Object> objects) throws IOException {
        if (packets.length == 0 || (packets[0] & 0x80) == 0) {
            throw new IOException("not OpenPGP data");
        }
        BcPGPObjectFactory factory = new BcPGPObjectFactory(packets);
        try {
            for (Object o = factory.nextObject(); o != null; o = factory.nextObject()) {
                if (!(o instanceof PGPMarker)) {
                    objects.add(o);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("damaged OpenPGP data: " + e.getMessage(), e);
        }
    }

    /** Splits armored content into its blocks, each from its BEGIN line to its END line. */
    private static List<byte[]> armoredBlocks(byte[] content) throws IOException {
        List<byte[]> blocks = new ArrayList<>();
        int i = 0;
        while (i < content.length) {
            int begin = indexOf(content, BEGIN, i);
            if (begin < 0) {
                break;
            }
            int end = indexOf(content, END, begin);
            if (end < 0) {
                throw new IOException("armor block without an END line");
            }
            int eol = end;
            while (eol < content.length && content[eol] != '\n') {
                eol++;
            }
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.write(content, begin, Math.min(eol + 1, content.length) - begin);
            blocks.add(block.toByteArray());
            i = eol + 1;
        }
        if (blocks.isEmpty()) {
            throw new IOException("no armor block");
        }
        return blocks;
    }

    private static int indexOf(byte[] content, byte[] needle, int from) {
        for (int i = from; i <= content.length - needle.length; i++) {
            if ((i == 0 || content[i - 1] == '\n') && startsWith(content, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] content, int at, byte[] prefix) {
        if (at + prefix.length > content.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (content[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }
}
