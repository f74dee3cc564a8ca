package org.vatools.repotools.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.eclipse.packager.rpm.RpmSignatureTag;
import org.eclipse.packager.rpm.RpmVersion;
import org.eclipse.packager.rpm.build.BuilderOptions;
import org.eclipse.packager.rpm.build.RpmBuilder;
import org.eclipse.packager.rpm.header.Header;
import org.eclipse.packager.rpm.signature.SignatureProcessor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vatools.core.pgp.Passphrase;
import org.vatools.core.pgp.SecretKeyFile;
import org.vatools.core.pgp.Signer;
import org.vatools.core.pgp.SigningKey;
import org.vatools.testkit.GnupgHome;
import org.vatools.testkit.Tool;

/**
 * The raw signature packet from {@link Signer#signaturePacket} as an rpm header signature:
 * rpm imports the key keygen writes and says the signature is OK, for both key types. (The
 * package writer is the YUM publisher's; this only proves the packet and the key.)
 */
class RpmHeaderSignatureIT {
    @TempDir
    Path tmp;

    /** Collects the header bytes and signs them at a fixed time (the key's creation: never earlier). */
    private static final class HeaderSigner implements SignatureProcessor {
        private final SigningKey key;
        private final ByteArrayOutputStream header = new ByteArrayOutputStream();

        HeaderSigner(SigningKey key) {
            this.key = key;
        }

        @Override
        public void feedHeader(ByteBuffer buffer) {
            ByteBuffer b = buffer.duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            header.writeBytes(bytes);
        }

        @Override
        public void feedPayloadData(ByteBuffer buffer) {
        }

        @Override
        public void finish(Header<RpmSignatureTag> signature) {
            byte[] packet = Signer.signaturePacket(key, header.toByteArray(), key.creationTime());
            signature.putBlob(key.openPgpAlgorithm() == PublicKeyAlgorithmTags.EDDSA_LEGACY
                    ? RpmSignatureTag.DSAHEADER : RpmSignatureTag.RSAHEADER, packet);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa4096", "ed25519"})
    void rpmSaysTheHeaderSignatureIsOk(String algorithm) throws Exception {
        GnupgHome.requireTools("rpm", "rpmkeys");
        Path keys = tmp.resolve("keys");
        KeygenCommandTest.Run created = KeygenCommandTest.run(Map.of(), "-q", "--out", keys.toString(),
                "--algorithm", algorithm);
        assertTrue(created.exit() == 0, created.err());
        SigningKey key = SecretKeyFile.load(keys.resolve("signing-key.asc"), Passphrase.none(), Instant.now());

        Path out = Files.createDirectories(tmp.resolve("rpms"));
        Path rpm;
        try (RpmBuilder builder = new RpmBuilder("sigtest", new RpmVersion("1.0", "1"), "noarch", out,
                new BuilderOptions())) {
            builder.getInformation().setSummary("signature test");
            builder.getInformation().setDescription("signature test");
            builder.getInformation().setLicense("MIT");
            builder.newContext().addFile("/usr/share/sigtest/hello", "hello\n".getBytes());
            builder.addSignatureProcessor(new HeaderSigner(key));
            builder.build();
            rpm = builder.getTargetFile();
        }
        Path db = Files.createDirectories(tmp.resolve("rpmdb"));
        Tool.run("rpmkeys", "--dbpath", db.toString(), "--import", keys.resolve("archive-keyring.asc").toString())
                .assertSuccess();
        Tool.Result check = Tool.run(List.of("rpmkeys", "--dbpath", db.toString(), "-Kv", rpm.toString()), tmp,
                Map.of("LC_ALL", "C"), null, 120).assertSuccess();
        String expected = "Header V4 " + (algorithm.equals("ed25519") ? "EdDSA" : "RSA") + "/SHA256 Signature, key ID "
                + key.fingerprint().longKeyId().substring(8).toLowerCase() + ": OK";
        assertTrue(check.stdout().contains(expected), check.describe(expected));
        // without the key rpm cannot check it: the signature really is what rpm looked at
        Path empty = Files.createDirectories(tmp.resolve("emptydb"));
        Tool.Result unknown = Tool.run(List.of("rpmkeys", "--dbpath", empty.toString(), "-Kv", rpm.toString()), tmp,
                Map.of("LC_ALL", "C"), null, 120);
        assertTrue(unknown.stdout().contains("NOKEY"), unknown.describe("NOKEY"));
    }
}
