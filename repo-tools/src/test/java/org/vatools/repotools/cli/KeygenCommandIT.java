package org.vatools.repotools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.testkit.GnupgHome;
import org.vatools.testkit.Tool;

/** {@code repo-tools keygen} output handed to the real gpg 2.2. */
class KeygenCommandIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"rsa4096", "ed25519"})
    void gpgImportsWhatKeygenWritesWithThePrintedFingerprint(String algorithm) throws Exception {
        Path dir = tmp.resolve("keys");
        Path pass = Files.writeString(tmp.resolve("pass"), "keygen test passphrase\n");
        KeygenCommandTest.Run r = KeygenCommandTest.run(Map.of(), "-q", "--out", dir.toString(), "--algorithm", algorithm,
                "--name", "Keygen Test", "--email", "keygen@archive.example.org", "--expires", "1y",
                "--passphrase-file", pass.toString());
        assertEquals(0, r.exit(), r.err());
        String fpr = r.out().strip();
        try (GnupgHome gnupg = GnupgHome.create()) {
            for (String file : List.of("archive-keyring.asc", "signing-key.asc")) {
                Tool.Result imported = gnupg.gpg("--import", dir.resolve(file).toString()).assertSuccess();
                assertFalse(imported.stderr().toLowerCase().contains("invalid"), imported.describe("no 'invalid'"));
            }
            Tool.Result list = gnupg.gpg("--list-secret-keys", "--with-colons").assertSuccess();
            assertFalse(list.stdout().toLowerCase().contains("invalid"), list.describe("no 'invalid'"));
            assertEquals(List.of(fpr), list.stdout().lines().filter(l -> l.startsWith("fpr:"))
                    .map(l -> l.split(":")[9]).toList(), list.describe("fingerprint"));
            String[] sec = list.stdout().lines().filter(l -> l.startsWith("sec:")).findFirst().orElseThrow().split(":", -1);
            assertEquals(algorithm.equals("rsa4096") ? "4096" : "255", sec[2], list.describe("key size"));
            assertFalse(sec[6].isEmpty(), list.describe("an expiry date"));
            assertTrue(list.stdout().contains("Keygen Test <keygen@archive.example.org>"), list.describe("user id"));
            // the secret key works in gpg with the passphrase from the file
            Path data = Files.writeString(tmp.resolve("data"), "data\n");
            gnupg.gpg("--pinentry-mode", "loopback", "--passphrase-file", pass.toString(), "--output",
                    tmp.resolve("data.sig").toString(), "--detach-sign", data.toString()).assertSuccess();
            gnupg.gpgv("--keyring", dir.resolve("archive-keyring.gpg").toString(), tmp.resolve("data.sig").toString(),
                    data.toString()).assertSuccess();
        }
    }
}
