package org.vatools.repotools.build;

/**
 * The scriptlets of an .rpm, all run by /bin/sh; null when not needed. {@code post} runs on
 * install and upgrade, {@code preun} and {@code postun} do their work only on erase ($1 = 0).
 */
public record RpmScriptlets(String post, String preun, String postun) {
}
