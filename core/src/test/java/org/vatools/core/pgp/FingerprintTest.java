package org.vatools.core.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

class FingerprintTest {
    @Test
    void parsesHowPeopleWriteFingerprints() {
        Fingerprint f = Fingerprint.parse("0xaeb0 52f8 93f1 01ce 94fd  7a76 cdb6 d744 8ccc b4e0");
        assertEquals("AEB052F893F101CE94FD7A76CDB6D7448CCCB4E0", f.hex());
        assertEquals("CDB6D7448CCCB4E0", f.longKeyId());
        assertEquals(0xCDB6D7448CCCB4E0L, f.keyId());
        assertEquals("CDB6D7448CCCB4E0", Fingerprint.formatKeyId(f.keyId()));
        assertEquals(f.hex(), f.toString());
    }

    @Test
    void refusesWhatIsNotAFingerprint() {
        ApplianceException e = assertThrows(ApplianceException.class, () -> Fingerprint.parse("CDB6D7448CCCB4E0"));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("40 hexadecimal digits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Fingerprint("aeb052f893f101ce94fd7a76cdb6d7448cccb4e0"));
    }

    @Test
    void generatedKeysReportTheFingerprintOfTheirPublicKey() {
        GeneratedKey key = TestKeys.ed25519();
        assertEquals(key.fingerprint(), key.publicKeyring().fingerprints().get(0));
        assertTrue(key.fingerprint().hex().matches("[0-9A-F]{40}"));
    }
}
