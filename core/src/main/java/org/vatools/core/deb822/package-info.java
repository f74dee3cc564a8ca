/**
 * The Deb822 format of Debian control data (deb822(5)): control files, Packages and Release
 * indexes, APT {@code .sources} files. {@link org.vatools.core.deb822.Deb822Document} parses a
 * file of paragraphs and writes it back byte for byte; {@link org.vatools.core.deb822.Deb822Paragraph}
 * keeps field order and spelling and looks fields up without regard to case.
 */
package org.vatools.core.deb822;
