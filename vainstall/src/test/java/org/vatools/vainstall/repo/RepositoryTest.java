package org.vatools.vainstall.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.descriptor.Family;
import org.vatools.vainstall.pm.AptPackageManager;
import org.vatools.vainstall.pm.DnfPackageManager;
import org.vatools.vainstall.testing.FakeTarget;
import org.vatools.vainstall.testing.RecordingReporter;

/** add-repo's inputs and the files it writes. */
class RepositoryTest {
    private static PGPKeyRingGenerator generator;
    private static byte[] publicBinary;
    private static byte[] publicArmored;
    private static byte[] secretBinary;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(2048);
        PGPKeyPair kp = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, kpg.generateKeyPair(),
                new Date(1_790_000_000_000L));
        PGPDigestCalculator sha1 = new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
        generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, kp, "Repo <repo@example.org>", sha1,
                null, null, new JcaPGPContentSignerBuilder(kp.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256), null);
        publicBinary = generator.generatePublicKeyRing().getEncoded();
        ByteArrayOutputStream armored = new ByteArrayOutputStream();
        try (ArmoredOutputStream a = new ArmoredOutputStream(armored)) {
            a.write(publicBinary);
        }
        publicArmored = armored.toByteArray();
        secretBinary = generator.generateSecretKeyRing().getEncoded();
    }

    @Test
    void urlsNamesSuitesAreChecked() {
        RepositorySpec s = RepositorySpec.of("https://repo.example.org/appliances/", null, "stable", "main");
        assertEquals("repo-example-org-appliances", s.id());
        assertEquals("https://repo.example.org/appliances/apt", s.aptUrl());
        assertEquals("https://repo.example.org/appliances/yum", s.yumUrl());
        assertEquals("local-srv-repo", RepositorySpec.of("file:///srv/repo", null, "stable", "main").id());
        for (String[] bad : new String[][] {{"ftp://x/y", null}, {"not a url", null}, {"https:///nohost", null},
            {"https://h/r", "Bad Name"}, {"https://h/r", "../x"}}) {
            ApplianceException e = assertThrows(ApplianceException.class,
                    () -> RepositorySpec.of(bad[0], bad[1], "stable", "main"), bad[0]);
            assertEquals(ExitCode.USAGE, e.exitCode());
        }
        assertThrows(ApplianceException.class, () -> RepositorySpec.of("https://h/r", null, "stable; rm", "main"));
    }

    @Test
    void keysAreReadArmoredOrBinaryAndSecretKeysRefused() {
        RepositoryKey a = RepositoryKey.read(publicArmored, "k.asc");
        RepositoryKey b = RepositoryKey.read(publicBinary, "k.gpg");
        assertEquals(a.fingerprints(), b.fingerprints());
        assertTrue(a.fingerprints().get(0).matches("[0-9A-F]{40}"));
        assertArrayEquals(publicBinary, a.binary());
        assertTrue(new String(b.armored(), StandardCharsets.US_ASCII).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"));
        assertEquals(a.fingerprints(), RepositoryKey.read(b.armored(), "again").fingerprints());
        ApplianceException e = assertThrows(ApplianceException.class, () -> RepositoryKey.read(secretBinary, "s.gpg"));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("SECRET key"));
        assertEquals(ExitCode.INVALID_INPUT, assertThrows(ApplianceException.class,
                () -> RepositoryKey.read("hello".getBytes(StandardCharsets.UTF_8), "x")).exitCode());
    }

    @Test
    void aptGetsADeb822SourceSignedByItsOwnKey() {
        RepositorySpec s = RepositorySpec.of("http://127.0.0.1:8080/repo", "vat", "stable", "main");
        List<RepositoryAdder.RepoFile> files = RepositoryAdder.files(s, RepositoryKey.read(publicArmored, "k"), Family.DEB);
        assertEquals("/etc/apt/keyrings/vat.gpg", files.get(0).path());
        assertArrayEquals(publicBinary, files.get(0).content(), "apt gets the binary keyring");
        assertEquals("/etc/apt/sources.list.d/vat.sources", files.get(1).path());
        assertEquals("# vat: appliances, added by vainstall add-repo\nTypes: deb\nURIs: http://127.0.0.1:8080/repo/apt\n"
                + "Suites: stable\nComponents: main\nSigned-By: /etc/apt/keyrings/vat.gpg\n",
                new String(files.get(1).content(), StandardCharsets.UTF_8));
    }

    @Test
    void dnfGetsARepoFileWithBothGpgChecks() {
        RepositorySpec s = RepositorySpec.of("https://repo.example.org/a", "vat", "stable", "main");
        List<RepositoryAdder.RepoFile> files = RepositoryAdder.files(s, RepositoryKey.read(publicBinary, "k"), Family.RPM);
        assertEquals("/etc/pki/rpm-gpg/vat.asc", files.get(0).path());
        assertTrue(new String(files.get(0).content(), StandardCharsets.US_ASCII).contains("BEGIN PGP PUBLIC KEY BLOCK"));
        assertEquals("# vat: appliances, added by vainstall add-repo\n[vat]\nname=vat appliances\n"
                + "baseurl=https://repo.example.org/a/yum\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=1\n"
                + "gpgkey=file:///etc/pki/rpm-gpg/vat.asc\n", new String(files.get(1).content(), StandardCharsets.UTF_8));
    }

    @Test
    void aFailedCheckTakesTheFilesAwayAgain() {
        FakeTarget t = new FakeTarget().on(List.of("apt-get", "update"), 100, "",
                "E: The repository 'http://h/apt stable InRelease' is not signed.");
        RepositorySpec s = RepositorySpec.of("http://h/r", "vat", "stable", "main");
        ApplianceException e = assertThrows(ApplianceException.class, () -> new RepositoryAdder(t,
                new AptPackageManager(t), new RecordingReporter()).add(s, RepositoryKey.read(publicBinary, "k"), true, false));
        assertEquals(ExitCode.VERIFICATION_FAILED, e.exitCode());
        assertFalse(t.files.containsKey("/etc/apt/sources.list.d/vat.sources"));
        assertFalse(t.files.containsKey("/etc/apt/keyrings/vat.gpg"));
        List<String> update = t.commandsOf("apt-get").get(0).argv();
        assertTrue(update.contains("Dir::Etc::SourceList=/etc/apt/sources.list.d/vat.sources"), update.toString());
        assertTrue(update.contains("--error-on=any"));
    }

    @Test
    void anExistingRepositoryWithOtherContentIsAConflictAndDryRunWritesNothing() {
        FakeTarget t = new FakeTarget().file("/etc/yum.repos.d/vat.repo", "[vat]\nbaseurl=https://elsewhere/\n");
        RepositorySpec s = RepositorySpec.of("https://repo.example.org/a", "vat", "stable", "main");
        RepositoryKey key = RepositoryKey.read(publicBinary, "k");
        assertEquals(ExitCode.CONFLICT, assertThrows(ApplianceException.class, () -> new RepositoryAdder(t,
                new DnfPackageManager(t), new RecordingReporter()).add(s, key, false, false)).exitCode());
        FakeTarget fresh = new FakeTarget();
        RecordingReporter r = new RecordingReporter();
        new RepositoryAdder(fresh, new DnfPackageManager(fresh), r).add(s, key, true, true);
        assertTrue(r.results.get(0).contains("baseurl=https://repo.example.org/a/yum"), r.results.toString());
        assertTrue(fresh.commandsOf("dd", "mv", "dnf").isEmpty(), "a dry run writes and fetches nothing");
    }
}
