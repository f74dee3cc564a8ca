/**
 * OpenPGP for signed repositories, with BouncyCastle's lightweight API and no gpg binary:
 * keys, key files, signing and verification. Every failure a user can act on is an
 * {@link org.vatools.core.ApplianceException} whose message names the file and the key.
 *
 * <h2>Keys</h2>
 * {@link org.vatools.core.pgp.KeyGenerator} makes a v4 primary key (RSA-4096, or Ed25519 in the
 * legacy EdDSA encoding that gpg 2.2 reads) that certifies and signs, self-signed with SHA-512;
 * {@link org.vatools.core.pgp.KeyFiles} writes it as {@code signing-key.asc} (0600),
 * {@code archive-keyring.asc} and {@code archive-keyring.gpg}.
 *
 * <h2>Signing (publishers)</h2>
 * <pre>{@code
 * SigningKeys keys = SigningKeys.load(List.of(oldKeyFile, newKeyFile),   // one or more --key files
 *         Passphrase.fromEnvironment("REPO_KEY_PASSPHRASE", env),       // or fromFile(path), or none()
 *         clock.instant());                                             // keys must be valid now
 * Signer signer = new Signer(keys, clock);   // clock fixed at SOURCE_DATE_EPOCH for reproducible output
 *
 * byte[] inRelease  = signer.clearSign(releaseText);                    // dists/<suite>/InRelease
 * byte[] releaseGpg = signer.detachedSignature(releaseBytes);           // dists/<suite>/Release.gpg
 * byte[] repomdAsc  = signer.detachedSignature(repomdBytes);            // repodata/repomd.xml.asc
 * byte[] rpmSig     = Signer.signaturePacket(keys.keys().get(0), headerBytes, fixedTime);
 *                     // RPMSIGTAG_RSA (RSA key) or RPMSIGTAG_DSA (EdDSA key), see SigningKey.openPgpAlgorithm()
 *
 * PublicKeyring published = keys.publicKeyring();
 * byte[] asc = published.armored();     // archive-keyring.asc
 * byte[] gpg = published.binary();      // archive-keyring.gpg
 * }</pre>
 * Each signature file carries one signature per key, in key order. Signatures are
 * deterministic: the same keys, bytes and time give the same bytes.
 *
 * <h2>Verifying (repo-tools verify, vainstall)</h2>
 * <pre>{@code
 * SignatureVerifier verifier = new SignatureVerifier(PublicKeyring.read(keyringFile), clock);
 * ClearSignedText release = verifier.verifyClearSigned(inReleaseFile);  // .text(), .signatures().signers()
 * VerifiedSignatures sigs = verifier.verifyDetached(releaseFile, releaseGpgFile);
 * }</pre>
 * A document passes when at least one signature verifies with a valid key of the keyring and
 * no signature by a key of the keyring is bad; SHA-1 (and weaker) signatures always fail.
 */
package org.vatools.core.pgp;
