package org.vatools.repotools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.core.pgp.Passphrase;
import org.vatools.core.pgp.SecretKeyFile;
import org.vatools.core.pgp.SigningKey;

class KeygenCommandTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> argv = new ArrayList<>(List.of("keygen"));
        argv.addAll(List.of(args));
        int exit = RepoToolsMain.run(argv.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), env);
        return new Run(exit, out.toString(), err.toString());
    }

    private static List<String> list(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createsAProtectedEd25519KeyAndPrintsItsFingerprint() throws Exception {
        Path dir = tmp.resolve("keys");
        Run r = run(Map.of("REPO_KEY_PASS", "s3cret phrase"), "--out", dir.toString(), "--algorithm", "ed25519",
                "--name", "Example Archive", "--email", "archive@example.org", "--expires", "2y",
                "--passphrase-env", "REPO_KEY_PASS");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("archive-keyring.asc", "archive-keyring.gpg", "signing-key.asc"), list(dir));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("signing-key.asc"))));
        assertFalse(r.out().contains("s3cret"), r.out());
        SigningKey key = SecretKeyFile.load(dir.resolve("signing-key.asc"),
                Passphrase.of("s3cret phrase".toCharArray(), "test"), Instant.now());
        assertTrue(r.out().contains("  fingerprint  " + key.fingerprint() + "\n"), r.out());
        assertTrue(r.out().contains("  long key id  " + key.fingerprint().longKeyId() + "\n"), r.out());
        assertTrue(r.out().contains("protected by the passphrase from environment variable REPO_KEY_PASS"), r.out());
        assertEquals("Example Archive <archive@example.org>", key.userId());
        assertEquals("ed25519", key.algorithmName());
        assertEquals(Optional.of(key.creationTime().plus(Duration.ofDays(730))), key.expirationTime());
        assertTrue(Duration.between(key.creationTime(), Instant.now()).abs().toMinutes() < 5);
    }

    @Test
    void quietPrintsOnlyTheFingerprint() throws Exception {
        Path pass = Files.writeString(tmp.resolve("pass"), "from a file\n");
        Path dir = tmp.resolve("keys");
        Run r = run(Map.of(), "-q", "--out", dir.toString(), "--algorithm", "ed25519", "--passphrase-file", pass.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("[0-9A-F]{40}\n"), r.out());
        assertEquals("", r.err());
        SigningKey key = SecretKeyFile.load(dir.resolve("signing-key.asc"), Passphrase.fromFile(pass), Instant.now());
        assertEquals(r.out().strip(), key.fingerprint().hex());
        assertEquals("Appliance Repository Signing Key", key.userId());
        assertEquals(Optional.empty(), key.expirationTime());
    }

    @Test
    void withoutPassphraseTheKeyIsUnprotectedAndSaysSo() {
        Path dir = tmp.resolve("keys");
        Run r = run(Map.of(), "--out", dir.toString(), "--algorithm", "ed25519");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("NOT protected by a passphrase"), r.out());
        SecretKeyFile.load(dir.resolve("signing-key.asc"), Passphrase.none(), Instant.now());
    }

    @Test
    void refusesToOverwriteAKey() throws Exception {
        Path dir = tmp.resolve("keys");
        assertEquals(0, run(Map.of(), "-q", "--out", dir.toString(), "--algorithm", "ed25519").exit());
        byte[] before = Files.readAllBytes(dir.resolve("signing-key.asc"));
        Run again = run(Map.of(), "--out", dir.toString(), "--algorithm", "ed25519");
        assertEquals(6, again.exit(), again.err());
        assertTrue(again.err().contains("signing-key.asc: already exists"), again.err());
        assertEquals(List.of("archive-keyring.asc", "archive-keyring.gpg", "signing-key.asc"), list(dir));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("signing-key.asc"))));
        Files.delete(dir.resolve("signing-key.asc"));
        Run publicLeft = run(Map.of(), "--out", dir.toString(), "--algorithm", "ed25519");
        assertEquals(6, publicLeft.exit(), publicLeft.err());
        assertEquals(List.of("archive-keyring.asc", "archive-keyring.gpg"), list(dir));
    }

    @Test
    void passphraseProblemsWriteNothing() throws Exception {
        Path dir = tmp.resolve("keys");
        Run unset = run(Map.of(), "--out", dir.toString(), "--algorithm", "ed25519", "--passphrase-env", "NOPE");
        assertEquals(4, unset.exit(), unset.err());
        assertTrue(unset.err().contains("environment variable NOPE is not set"), unset.err());
        Run missing = run(Map.of(), "--out", dir.toString(), "--algorithm", "ed25519",
                "--passphrase-file", tmp.resolve("no-such-file").toString());
        assertEquals(11, missing.exit(), missing.err());
        Run empty = run(Map.of("EMPTY", ""), "--out", dir.toString(), "--passphrase-env", "EMPTY");
        assertEquals(3, empty.exit(), empty.err());
        assertFalse(Files.exists(dir));
    }

    @Test
    void badOptionsAreUsageErrorsAndWriteNothing() {
        Path dir = tmp.resolve("keys");
        assertEquals(2, run(Map.of(), "--out", dir.toString(), "--algorithm", "dsa").exit());
        assertEquals(2, run(Map.of(), "--out", dir.toString(), "--expires", "2 years").exit());
        assertEquals(2, run(Map.of("P", "x"), "--out", dir.toString(), "--passphrase-env", "P",
                "--passphrase-file", "f").exit());
        Run argvPassphrase = run(Map.of(), "--out", dir.toString(), "--passphrase", "secret");
        assertEquals(2, argvPassphrase.exit(), "no option takes a passphrase on the command line");
        Run email = run(Map.of(), "--out", dir.toString(), "--email", "not an address");
        assertEquals(3, email.exit(), email.err());
        assertTrue(email.err().contains("'not an address' is not an e-mail address"), email.err());
        assertEquals(2, run(Map.of()).exit(), "--out is required");
        assertFalse(Files.exists(dir));
    }

    @Test
    void aFileWhereTheFolderShouldBeIsAnEnvironmentError() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Run r = run(Map.of(), "--out", file.resolve("keys").toString(), "--algorithm", "ed25519");
        assertEquals(4, r.exit(), r.err());
        assertEquals(List.of("file"), list(tmp));
    }

    @Test
    void helpNamesTheOptions() {
        Run r = run(Map.of(), "--help");
        assertEquals(0, r.exit());
        for (String option : List.of("--out", "--name", "--email", "--algorithm", "--expires", "--passphrase-env",
                "--passphrase-file", "signing-key.asc", "archive-keyring.gpg")) {
            assertTrue(r.out().contains(option), option + " in:\n" + r.out());
        }
    }
}
