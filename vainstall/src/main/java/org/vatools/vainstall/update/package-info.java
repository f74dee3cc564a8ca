/** {@code vainstall update}: a backup first, then the upgrade and the checks, with a way back. */
package org.vatools.vainstall.update;
