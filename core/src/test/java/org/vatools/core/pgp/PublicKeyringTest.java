package org.vatools.core.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

class PublicKeyringTest {
    @TempDir
    Path tmp;

    @Test
    void readsArmoredAndBinaryKeyringsAlike() {
        KeyFiles.Written files = TestKeys.write(tmp, TestKeys.ed25519());
        PublicKeyring armored = PublicKeyring.read(files.armoredKeyring());
        PublicKeyring binary = PublicKeyring.read(files.binaryKeyring());
        assertEquals(List.of(TestKeys.ed25519().fingerprint()), armored.fingerprints());
        assertEquals(armored.fingerprints(), binary.fingerprints());
        assertArrayEquals(armored.binary(), binary.binary());
        assertEquals(files.binaryKeyring().toString(), binary.source());
    }

    @Test
    void readsSeveralKeysFromConcatenatedArmorOrBinaryAndFromSeveralFiles() throws Exception {
        GeneratedKey a = TestKeys.ed25519();
        GeneratedKey b = TestKeys.otherEd25519();
        ByteArrayOutputStream cat = new ByteArrayOutputStream();
        cat.writeBytes(a.armoredPublicKey());
        cat.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
        cat.writeBytes(b.armoredPublicKey());
        assertEquals(List.of(a.fingerprint(), b.fingerprint()), PublicKeyring.parse(cat.toByteArray(), "cat").fingerprints());
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        bin.writeBytes(b.binaryPublicKey());
        bin.writeBytes(a.binaryPublicKey());
        bin.writeBytes(b.binaryPublicKey());
        assertEquals(List.of(b.fingerprint(), a.fingerprint()), PublicKeyring.parse(bin.toByteArray(), "bin").fingerprints());
        Path fa = Files.write(tmp.resolve("a.gpg"), a.binaryPublicKey());
        Path fb = Files.write(tmp.resolve("b.asc"), b.armoredPublicKey());
        PublicKeyring both = PublicKeyring.read(List.of(fa, fb));
        assertEquals(List.of(a.fingerprint(), b.fingerprint()), both.fingerprints());
        assertEquals(fa + ", " + fb, both.source());
        // written back as one armored block with both keys
        assertEquals(both.fingerprints(), PublicKeyring.parse(both.armored(), "x").fingerprints());
    }

    @Test
    void aSecretKeyIsNotAcceptedAsKeyring() {
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> PublicKeyring.parse(TestKeys.otherEd25519().armoredSecretKey(), "signing-key.asc"));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("signing-key.asc: holds a secret key"), e.getMessage());
    }

    @Test
    void aVersion6KeyIsRefusedByName() throws Exception {
        ApplianceException e = assertThrows(ApplianceException.class,
                () -> PublicKeyring.parse(OddKeys.version6PublicKey(), "v6.gpg"));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("v6.gpg: holds a version 6 OpenPGP key"), e.getMessage());
    }

    @Test
    void otherContentIsRefused() {
        for (String junk : new String[] {"", "hello", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n"}) {
            ApplianceException e = assertThrows(ApplianceException.class,
                    () -> PublicKeyring.parse(junk.getBytes(StandardCharsets.US_ASCII), "keyring.asc"));
            assertEquals(ExitCode.INVALID_INPUT, e.exitCode(), junk);
            assertTrue(e.getMessage().startsWith("keyring.asc: not an OpenPGP public keyring"), e.getMessage());
        }
        assertEquals(ExitCode.NOT_FOUND,
                assertThrows(ApplianceException.class, () -> PublicKeyring.read(tmp.resolve("none.gpg"))).exitCode());
    }
}
