package org.vatools.core.pgp;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * OpenPGP encryption of a stream to one public key, and decryption with a secret key file, as
 * streams: nothing is held in memory whole. Messages are AES-256 in a symmetrically encrypted,
 * integrity-protected data packet (SEIPD version 1, with its modification detection code), the
 * form gpg 2.2 writes and reads; the content is one binary literal data packet and is not
 * compressed again (backups are compressed already). On reading, a message without integrity
 * protection is refused, and the integrity check runs when the content has been read to its end
 * ({@link DecryptedStream#finish()}).
 */
public final class MessageEncryption {
    private static final int BUFFER = 1 << 16;
    private static final byte[] ARMOR = "-----BEGIN PGP MESSAGE-----".getBytes(StandardCharsets.US_ASCII);

    private MessageEncryption() {
    }

    /**
     * Returns a stream whose bytes are encrypted to {@code key} and written to {@code out}.
     * Closing it ends the OpenPGP message; {@code out} itself is left open.
     *
     * @param name the file name recorded in the literal data packet (gpg shows it)
     */
    public static OutputStream encrypt(OutputStream out, EncryptionKey key, String name, SecureRandom random)
            throws IOException {
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
                        .setSecureRandom(random));
        generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key.publicKey()).setSecureRandom(random));
        OutputStream encrypted;
        try {
            encrypted = generator.open(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            }, new byte[BUFFER]);
        } catch (PGPException e) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, key.source() + ": cannot encrypt to "
                    + key.describe() + ": " + e.getMessage(), e);
        }
        PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
        OutputStream content = literal.open(encrypted, PGPLiteralData.BINARY, name, new Date(0), new byte[BUFFER]);
        return new FilterOutputStream(content) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                content.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                content.close();
                literal.close();
                generator.close();
                out.flush();
            }
        };
    }

    /** True when {@code head} (the first bytes of a file) starts an OpenPGP message, binary or armored. */
    public static boolean looksEncrypted(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        if (PgpFiles.isArmored(head)) {
            int i = 0;
            while (i < head.length && Character.isWhitespace(head[i])) {
                i++;
            }
            if (head.length - i < ARMOR.length) {
                return false;
            }
            for (int j = 0; j < ARMOR.length; j++) {
                if (head[i + j] != ARMOR[j]) {
                    return false;
                }
            }
            return true;
        }
        int b = head[0] & 0xff;
        if ((b & 0x80) == 0) {
            return false;
        }
        int tag = (b & 0x40) != 0 ? b & 0x3f : (b >> 2) & 0x0f;
        return tag == 1 || tag == 3 || tag == 10;
    }

    /**
     * Opens an encrypted message for reading with {@code key}.
     *
     * @param source what to call the message in errors (its file name)
     * @throws ApplianceException INVALID_INPUT when the message is not encrypted to a key of
     *         {@code key} (naming both), or is not an integrity-protected OpenPGP message; the key's
     *         own errors (a wrong passphrase) as {@link SecretKeyFile} reports them
     */
    public static DecryptedStream decrypt(InputStream in, DecryptionKey key, String source) throws IOException {
        InputStream decoded = PGPUtil.getDecoderStream(new BufferedInputStream(in, BUFFER));
        BcPGPObjectFactory factory = new BcPGPObjectFactory(decoded);
        Object o = next(factory, source);
        while (o instanceof PGPMarker) {
            o = next(factory, source);
        }
        if (!(o instanceof PGPEncryptedDataList list)) {
            throw notAMessage(source, o == null ? "it is empty" : "it holds " + describe(o) + " where an encrypted"
                    + " message starts");
        }
        List<String> recipients = new ArrayList<>();
        for (PGPEncryptedData data : list) {
            if (!(data instanceof PGPPublicKeyEncryptedData pk)) {
                recipients.add("a passphrase");
                continue;
            }
            long id = pk.getKeyID();
            List<PGPSecretKey> candidates = id == 0 ? key.decryptionCandidates()
                    : key.find(id).map(List::of).orElse(List.of());
            recipients.add(id == 0 ? "a hidden recipient" : "key " + Fingerprint.formatKeyId(id));
            for (PGPSecretKey secret : candidates) {
                PGPPrivateKey privateKey = key.unlock(secret);
                InputStream clear;
                try {
                    clear = pk.getDataStream(new BcPublicKeyDataDecryptorFactory(privateKey));
                } catch (PGPException e) {
                    if (id == 0) {
                        continue;
                    }
                    throw new ApplianceException(ExitCode.INVALID_INPUT, source + ": cannot decrypt with key "
                            + Fingerprint.formatKeyId(secret.getKeyID()) + " from " + key.source() + ": "
                            + e.getMessage(), e);
                }
                if (!pk.isIntegrityProtected()) {
                    throw new ApplianceException(ExitCode.VERIFICATION_FAILED, source + ": the message has no"
                            + " integrity protection, so changes to it would go unnoticed; it is refused");
                }
                return new DecryptedStream(literalContent(clear, source), pk, source);
            }
        }
        throw new ApplianceException(ExitCode.INVALID_INPUT, source + ": is encrypted to " + String.join(", ",
                recipients) + ", and " + key.source() + " holds none of them (it holds " + String.join(", ",
                key.keyIds()) + "); give the secret key the backup was encrypted to");
    }

    private static InputStream literalContent(InputStream clear, String source) throws IOException {
        BcPGPObjectFactory factory = new BcPGPObjectFactory(clear);
        Object o = next(factory, source);
        if (o instanceof PGPCompressedData compressed) {
            try {
                factory = new BcPGPObjectFactory(compressed.getDataStream());
            } catch (PGPException e) {
                throw notAMessage(source, "its compressed content cannot be read: " + e.getMessage());
            }
            o = next(factory, source);
        }
        if (o instanceof PGPLiteralData literal) {
            return literal.getInputStream();
        }
        throw notAMessage(source, "the decrypted content is " + describe(o) + ", not literal data");
    }

    private static Object next(BcPGPObjectFactory factory, String source) {
        try {
            return factory.nextObject();
        } catch (IOException | RuntimeException e) {
            throw notAMessage(source, "damaged OpenPGP data: " + e.getMessage());
        }
    }

    private static String describe(Object o) {
        return o == null ? "nothing" : "an OpenPGP " + o.getClass().getSimpleName().replace("PGP", "");
    }

    private static ApplianceException notAMessage(String source, String why) {
        return new ApplianceException(ExitCode.INVALID_INPUT, source + ": not an encrypted OpenPGP message (" + why
                + ")");
    }

    /**
     * The decrypted content. {@link #finish()} reads what is left and checks the message's
     * integrity; content read before that is not yet known to be unmodified.
     */
    public static final class DecryptedStream extends FilterInputStream {
        private final PGPPublicKeyEncryptedData data;
        private final String source;

        DecryptedStream(InputStream in, PGPPublicKeyEncryptedData data, String source) {
            super(in);
            this.data = data;
            this.source = source;
        }

        /**
         * Reads to the end of the content and verifies the modification detection code.
         *
         * @throws ApplianceException VERIFICATION_FAILED when the message was modified or cut short
         */
        public void finish() throws IOException {
            in.transferTo(OutputStream.nullOutputStream());
            boolean ok;
            try {
                ok = data.verify();
            } catch (PGPException | IOException e) {
                throw new ApplianceException(ExitCode.VERIFICATION_FAILED, source + ": the encrypted message"
                        + " failed its integrity check (" + e.getMessage() + "): it was modified or cut short", e);
            }
            if (!ok) {
                throw new ApplianceException(ExitCode.VERIFICATION_FAILED, source + ": the encrypted message"
                        + " failed its integrity check: it was modified or cut short");
            }
        }
    }
}
