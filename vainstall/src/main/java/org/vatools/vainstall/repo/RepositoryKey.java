package org.vatools.vainstall.repo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * The repository's public key as given to {@code --keyring} (armored {@code archive-keyring.asc}
 * or binary {@code .gpg}): checked to hold public keys only, and written in the form each package
 * manager wants (apt: a binary keyring; dnf: an armored key).
 */
public final class RepositoryKey {
    private final List<PGPPublicKeyRing> rings;

    private RepositoryKey(List<PGPPublicKeyRing> rings) {
        this.rings = List.copyOf(rings);
    }

    public static RepositoryKey read(byte[] bytes, String source) {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            JcaPGPObjectFactory f = new JcaPGPObjectFactory(in);
            Object o;
            while ((o = f.nextObject()) != null) {
                if (o instanceof PGPPublicKeyRing r) {
                    rings.add(r);
                } else if (o instanceof PGPSecretKeyRing) {
                    throw new ApplianceException(ExitCode.INVALID_INPUT, source + " holds a SECRET key; pass the"
                            + " repository's public key (archive-keyring.asc or archive-keyring.gpg) and keep the"
                            + " secret key private");
                } else {
                    throw new ApplianceException(ExitCode.INVALID_INPUT, source + ": unexpected OpenPGP content ("
                            + o.getClass().getSimpleName() + "); expected public keys");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApplianceException a) {
                throw a;
            }
            throw new ApplianceException(ExitCode.INVALID_INPUT, source + ": not an OpenPGP public key ("
                    + e.getMessage() + "); pass archive-keyring.asc or archive-keyring.gpg from the repository", e);
        }
        if (rings.isEmpty()) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, source + " holds no OpenPGP public key");
        }
        return new RepositoryKey(rings);
    }

    /** Primary key fingerprints, upper-case hex. */
    public List<String> fingerprints() {
        return rings.stream().map(r -> HexFormat.of().formatHex(r.getPublicKey().getFingerprint())
                .toUpperCase(Locale.ROOT)).toList();
    }

    /** A binary keyring, as apt's Signed-By reads a {@code .gpg} file. */
    public byte[] binary() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (PGPPublicKeyRing r : rings) {
                r.encode(out, true);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** An ASCII-armored key block, as dnf's gpgkey reads it. */
    public byte[] armored() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream a = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            a.write(binary());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
