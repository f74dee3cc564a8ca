package org.vatools.core.pkg.rpm;

/**
 * One changelog entry (CHANGELOGTIME, CHANGELOGNAME, CHANGELOGTEXT), newest first as stored.
 *
 * @param time   seconds since the epoch (rpm keeps only the date: noon UTC of the day)
 * @param author the {@code * Day Mon DD YYYY} line's rest: name, e-mail and usually the version
 * @param text   the entry's text
 */
public record RpmChangelog(long time, String author, String text) {
}
