/**
 * Appliance backups: the {@code .abf} format (docs/reference/abf.md), {@code vainstall backup},
 * {@code restore}, {@code backups verify} and {@code update}.
 *
 * <h2>Where the work happens</h2>
 * Everything on the target goes through the target port ({@link org.vatools.vainstall.target.Target}):
 * the target's own {@code tar} writes each backup set to its stdout and extracts each restored set
 * from its stdin ({@link org.vatools.vainstall.target.Target#stream}), and this package reads and
 * writes those tar streams as they pass (docs/decisions.md D18). Nothing is held in memory whole,
 * and over SSH nothing but tar and coreutils is needed on the server.
 *
 * <h2>Reading an archive</h2>
 * {@link org.vatools.vainstall.backup.AbfReader} reads a backup twice: the first pass verifies
 * everything (structure, checksums, every tar entry against the rules of
 * {@link org.vatools.vainstall.backup.EntryRules}, bomb and size limits) and touches nothing; only
 * then does the second pass stream the entries to the target, checking the same again.
 */
package org.vatools.vainstall.backup;
