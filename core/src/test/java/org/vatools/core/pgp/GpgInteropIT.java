package org.vatools.core.pgp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vatools.testkit.GnupgHome;
import org.vatools.testkit.Tool;

/**
 * Hands what the pgp package writes to the real gpg 2.2 and gpgv, and what gpg writes to the
 * pgp package: the formats apt (through gpgv) and users (through gpg) meet.
 */
class GpgInteropIT {
    /** A Release-like text with the cases the clear-signing rules are about. */
    static final String RELEASE = "Origin: Example Appliances\nLabel: Example   \nSuite: stable\n"
            + "-----BEGIN PGP SIGNATURE-----\n- a line that starts with a dash\n--\n"
            + "Trailing: tab and blanks\t  \n\nSHA256:\n 0123456789abcdef 1234 main/binary-all/Packages\n";
    /** What the signature covers, and what gpgv and our verifier give back: no trailing blanks. */
    static final String SIGNED_TEXT = RELEASE.replace("Example   \n", "Example\n").replace("blanks\t  \n", "blanks\n");
    static final Clock CLOCK = Clock.fixed(TestKeys.SIGNED, ZoneOffset.UTC);

    @TempDir
    static Path keyDir;
    static Map<String, KeyFiles.Written> files;
    static Map<String, SigningKey> keys;

    @TempDir
    Path work;
    GnupgHome gnupg;

    @BeforeAll
    static void makeKeys() {
        files = Map.of(
                "rsa4096", TestKeys.write(keyDir, TestKeys.rsa()),
                "ed25519", TestKeys.write(keyDir, TestKeys.ed25519()),
                "other", TestKeys.write(keyDir, TestKeys.otherEd25519()));
        keys = files.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> SecretKeyFile.load(
                e.getValue().secretKey(), e.getKey().equals("other") ? Passphrase.none() : TestKeys.passphrase(),
                TestKeys.SIGNED)));
    }

    @BeforeEach
    void home() {
        gnupg = GnupgHome.create();
    }

    @AfterEach
    void stopAgents() {
        gnupg.close();
    }

    private static Signer signer(String... names) {
        return new Signer(SigningKeys.of(Arrays.stream(names).map(keys::get).toList()), CLOCK);
    }

    private Path write(String name, byte[] content) {
        return TestKeys.writeFile(work.resolve(name), content);
    }

    private Path keyring(String... names) {
        PublicKeyring ring = SigningKeys.of(Arrays.stream(names).map(keys::get).toList()).publicKeyring();
        return write(String.join("+", names) + ".gpg", ring.binary());
    }

    private static List<String> validSigs(Tool.Result r) {
        return r.stdout().lines().filter(l -> l.startsWith("[GNUPG:] VALIDSIG ")).map(l -> l.split(" ")[2]).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa4096", "ed25519"})
    void gpgvAcceptsInReleaseAndReleaseGpg(String algorithm) throws Exception {
        Path inRelease = write("InRelease", signer(algorithm).clearSign(RELEASE));
        Path release = write("Release", RELEASE.getBytes(UTF_8));
        Path releaseGpg = write("Release.gpg", signer(algorithm).detachedSignature(RELEASE.getBytes(UTF_8)));
        Path ring = files.get(algorithm).binaryKeyring();
        String fpr = keys.get(algorithm).fingerprint().hex();

        Tool.Result clear = gnupg.gpgv("--status-fd", "1", "--keyring", ring.toString(),
                "--output", work.resolve("signed-text").toString(), inRelease.toString()).assertSuccess();
        assertEquals(List.of(fpr), validSigs(clear), clear.describe("VALIDSIG"));
        assertTrue(clear.stdout().contains(" 10 01 " + fpr), clear.describe("SHA512 (10) text signature (01)"));
        assertEquals(SIGNED_TEXT, Files.readString(work.resolve("signed-text")), "the text gpgv extracts");
        assertEquals(SIGNED_TEXT, new SignatureVerifier(PublicKeyring.read(ring), CLOCK).verifyClearSigned(inRelease).text());

        Tool.Result detached = gnupg.gpgv("--status-fd", "1", "--keyring", ring.toString(),
                releaseGpg.toString(), release.toString()).assertSuccess();
        assertEquals(List.of(fpr), validSigs(detached), detached.describe("VALIDSIG"));
        assertTrue(detached.stdout().contains(" 10 00 " + fpr), detached.describe("SHA512 (10) binary signature (00)"));

        // gpgv 2.2 reads binary keyrings only; apt dearmors an .asc signed-by key first, as here
        Path dearmored = work.resolve("dearmored.gpg");
        gnupg.gpg("--output", dearmored.toString(), "--dearmor", files.get(algorithm).armoredKeyring().toString())
                .assertSuccess();
        gnupg.gpgv("--keyring", dearmored.toString(), inRelease.toString()).assertSuccess();
    }

    @Test
    void gpgvAcceptsTwoKeysSigningTogether() {
        Path inRelease = write("InRelease", signer("rsa4096", "ed25519").clearSign(RELEASE));
        Path release = write("Release", RELEASE.getBytes(UTF_8));
        Path releaseGpg = write("Release.gpg", signer("rsa4096", "ed25519").detachedSignature(RELEASE.getBytes(UTF_8)));
        List<String> both = List.of(keys.get("rsa4096").fingerprint().hex(), keys.get("ed25519").fingerprint().hex());
        Path ring = keyring("rsa4096", "ed25519");
        assertEquals(both, validSigs(gnupg.gpgv("--status-fd", "1", "--keyring", ring.toString(),
                inRelease.toString()).assertSuccess()));
        assertEquals(both, validSigs(gnupg.gpgv("--status-fd", "1", "--keyring", ring.toString(),
                releaseGpg.toString(), release.toString()).assertSuccess()));
    }

    @Test
    void aClientWithOnlyOneOfTwoKeys() {
        Path inRelease = write("InRelease", signer("rsa4096", "ed25519").clearSign(RELEASE));
        Tool.Result onlyNew = gnupg.gpgv("--status-fd", "1", "--keyring", keyring("ed25519").toString(),
                inRelease.toString());
        assertEquals(List.of(keys.get("ed25519").fingerprint().hex()), validSigs(onlyNew), onlyNew.describe("VALIDSIG"));
        assertTrue(onlyNew.stdout().contains("[GNUPG:] NO_PUBKEY " + keys.get("rsa4096").fingerprint().longKeyId()),
                onlyNew.describe("NO_PUBKEY"));
        // gpgv's exit status is 2 here; apt reads the status lines, not the exit status, and accepts a
        // file with a good signature beside one by an unknown key. Our verifier does the same:
        assertEquals(2, onlyNew.exitCode(), onlyNew.describe("gpgv exit"));
        VerifiedSignatures ours = new SignatureVerifier(PublicKeyring.read(keyring("ed25519")), CLOCK)
                .verifyClearSigned(inRelease).signatures();
        assertEquals(List.of(keys.get("ed25519").fingerprint()), ours.signers());
    }

    @Test
    void gpgvRefusesASignatureByAnotherKey() {
        Path inRelease = write("InRelease", signer("other").clearSign(RELEASE));
        Tool.Result r = gnupg.gpgv("--status-fd", "1", "--keyring", keyring("rsa4096", "ed25519").toString(),
                inRelease.toString());
        assertNotEquals(0, r.exitCode(), r.describe("refusal"));
        assertTrue(r.stdout().contains("NO_PUBKEY " + keys.get("other").fingerprint().longKeyId()), r.describe("NO_PUBKEY"));
        assertEquals(List.of(), validSigs(r));
        Path release = write("Release", RELEASE.getBytes(UTF_8));
        Path releaseGpg = write("Release.gpg", signer("other").detachedSignature(RELEASE.getBytes(UTF_8)));
        assertNotEquals(0, gnupg.gpgv("--keyring", keyring("rsa4096").toString(), releaseGpg.toString(),
                release.toString()).exitCode());
    }

    @Test
    void gpgvAndOurVerifierRefuseATamperedInRelease() {
        String signed = new String(signer("ed25519").clearSign(RELEASE), UTF_8);
        Path tampered = write("InRelease", signed.replace("Suite: stable", "Suite: stablE").getBytes(UTF_8));
        Tool.Result r = gnupg.gpgv("--status-fd", "1", "--keyring", keyring("ed25519").toString(), tampered.toString());
        assertEquals(1, r.exitCode(), r.describe("BADSIG"));
        assertTrue(r.stdout().contains("[GNUPG:] BADSIG " + keys.get("ed25519").fingerprint().longKeyId()), r.describe("BADSIG"));
        org.junit.jupiter.api.Assertions.assertThrows(org.vatools.core.ApplianceException.class,
                () -> new SignatureVerifier(PublicKeyring.read(keyring("ed25519")), CLOCK).verifyClearSigned(tampered));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa4096", "ed25519"})
    void gpgvAcceptsTheRawPacketMadeForRpmHeaders(String algorithm) {
        byte[] header = "an rpm header's bytes".getBytes(UTF_8);
        Path data = write("header", header);
        Path sig = write("header.sig", Signer.signaturePacket(keys.get(algorithm), header,
                Instant.parse("2026-01-02T03:04:05Z")));
        Tool.Result r = gnupg.gpgv("--status-fd", "1", "--keyring", files.get(algorithm).binaryKeyring().toString(),
                sig.toString(), data.toString()).assertSuccess();
        // hash algorithm 8 = SHA-256, signature time as given
        assertTrue(r.stdout().contains("VALIDSIG " + keys.get(algorithm).fingerprint().hex() + " 2026-01-02 1767323045 0 4 0 "),
                r.describe("VALIDSIG"));
        assertTrue(r.stdout().contains(" 8 00 " + keys.get(algorithm).fingerprint().hex()), r.describe("SHA-256"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa4096", "ed25519"})
    void gpgImportsTheKeysWithTheExpectedFingerprintAndNothingInvalid(String algorithm) {
        KeyFiles.Written w = files.get(algorithm);
        String fpr = keys.get(algorithm).fingerprint().hex();
        Tool.Result pub = gnupg.gpg("--import", w.armoredKeyring().toString()).assertSuccess();
        Tool.Result sec = gnupg.gpg("--import", w.secretKey().toString()).assertSuccess();
        assertTrue(sec.stderr().contains("secret keys imported: 1"), sec.describe("secret key import"));
        for (Tool.Result r : List.of(pub, sec)) {
            assertFalse(r.stderr().toLowerCase().contains("invalid"), r.describe("no 'invalid'"));
        }
        Tool.Result list = gnupg.gpg("--list-keys", "--with-colons").assertSuccess();
        assertFalse((list.stdout() + list.stderr()).toLowerCase().contains("invalid"), list.describe("no 'invalid'"));
        String[] pubLine = list.stdout().lines().filter(l -> l.startsWith("pub:")).findFirst().orElseThrow().split(":", -1);
        assertFalse(List.of("i", "r", "e", "d").contains(pubLine[1]), list.describe("validity of the key"));
        assertEquals(algorithm.equals("ed25519") ? "22" : "1", pubLine[3], list.describe("algorithm"));
        assertEquals(algorithm.equals("ed25519") ? "ed25519" : "", pubLine[16], list.describe("curve"));
        assertTrue(pubLine[11].contains("s") && pubLine[11].contains("c"), list.describe("sign and certify"));
        assertEquals(List.of(fpr), list.stdout().lines().filter(l -> l.startsWith("fpr:")).map(l -> l.split(":")[9]).toList());
        Tool.Result secret = gnupg.gpg("--list-secret-keys", "--with-colons").assertSuccess();
        assertTrue(secret.stdout().lines().anyMatch(l -> l.startsWith("sec:")), secret.describe("sec line"));
        // the binary keyring holds the same key
        try (GnupgHome second = GnupgHome.create()) {
            second.gpg("--import", w.binaryKeyring().toString()).assertSuccess();
            assertTrue(second.gpg("--list-keys", "--with-colons").assertSuccess().stdout().contains("fpr:::::::::" + fpr + ":"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa4096", "ed25519"})
    void gpgUnlocksTheSecretKeyWithThePassphraseAndWeVerifyWhatItSigns(String algorithm) throws Exception {
        String fpr = keys.get(algorithm).fingerprint().hex();
        gnupg.gpg("--import", files.get(algorithm).secretKey().toString()).assertSuccess();
        Path passFile = write("pass", (TestKeys.PASSPHRASE + "\n").getBytes(UTF_8));
        Path text = write("Release", RELEASE.getBytes(UTF_8));
        // a wrong passphrase does not unlock it (tried first: the agent caches a good one)
        Path wrong = write("wrong", "not it\n".getBytes(UTF_8));
        assertNotEquals(0, gnupg.gpg("--pinentry-mode", "loopback", "--passphrase-file", wrong.toString(),
                "--local-user", fpr, "--output", work.resolve("x.sig").toString(), "--detach-sign", text.toString()).exitCode());
        Path out = work.resolve("InRelease");
        gnupg.gpg("--pinentry-mode", "loopback", "--passphrase-file", passFile.toString(), "--local-user", fpr,
                "--digest-algo", "SHA512", "--output", out.toString(), "--clearsign", text.toString()).assertSuccess();
        SignatureVerifier verifier = new SignatureVerifier(PublicKeyring.read(files.get(algorithm).binaryKeyring()),
                Clock.systemUTC());
        ClearSignedText verified = verifier.verifyClearSigned(out);
        assertEquals(SIGNED_TEXT, verified.text());
        assertEquals(List.of(keys.get(algorithm).fingerprint()), verified.signatures().signers());
        Path detached = work.resolve("Release.gpg");
        gnupg.gpg("--pinentry-mode", "loopback", "--passphrase-file", passFile.toString(), "--local-user", fpr,
                "--armor", "--output", detached.toString(), "--detach-sign", text.toString()).assertSuccess();
        assertEquals(List.of(keys.get(algorithm).fingerprint()), verifier.verifyDetached(text, detached).signers());
    }

    @Test
    void aKeyMadeByGpgWithASigningSubkeyLoadsAndSigns() throws Exception {
        Path passFile = write("pass", "gpg made\n".getBytes(UTF_8));
        List<String> loopback = List.of("--pinentry-mode", "loopback", "--passphrase-file", passFile.toString());
        gnupg.gpg(concat(loopback, "--quick-gen-key", "Gpg Made <gpg@archive.example.org>", "ed25519", "cert", "2y"))
                .assertSuccess();
        String primary = gnupg.gpg("--list-keys", "--with-colons").stdout().lines()
                .filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        gnupg.gpg(concat(loopback, "--quick-add-key", primary, "ed25519", "sign", "1y")).assertSuccess();
        Path secret = work.resolve("gpg-secret.asc");
        gnupg.gpg(concat(loopback, "--armor", "--output", secret.toString(), "--export-secret-keys", primary)).assertSuccess();
        Path pub = work.resolve("gpg-public.gpg");
        gnupg.gpg("--output", pub.toString(), "--export", primary).assertSuccess();

        SigningKey key = SecretKeyFile.load(secret, Passphrase.fromFile(passFile), Instant.now());
        assertEquals(primary, key.primaryFingerprint().hex());
        assertNotEquals(primary, key.fingerprint().hex(), "signs with the subkey");
        Path inRelease = write("InRelease", new Signer(SigningKeys.of(List.of(key)), Clock.systemUTC()).clearSign(RELEASE));
        Tool.Result r = gnupg.gpgv("--status-fd", "1", "--keyring", pub.toString(), inRelease.toString()).assertSuccess();
        assertTrue(r.stdout().contains("VALIDSIG " + key.fingerprint().hex()) && r.stdout().trim().endsWith(primary),
                r.describe("VALIDSIG subkey ... primary"));
        assertEquals(List.of(key.primaryFingerprint()), new SignatureVerifier(PublicKeyring.read(pub), Clock.systemUTC())
                .verifyClearSigned(inRelease).signatures().signers());
    }

    private static String[] concat(List<String> first, String... rest) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
