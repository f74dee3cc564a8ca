package org.vatools.core.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PackagePolicyTest {

    private static String fails(Optional<String> result) {
        assertTrue(result.isPresent(), "expected a refusal");
        return result.get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dokuwiki-appliance", "ab", "php8.2", "g++", "0ad", "lib.foo+bar-1"})
    void validDebianNames(String name) {
        assertEquals(Optional.empty(), PackagePolicy.debianName(name));
    }

    @Test
    void uppercaseDebianNameIsRefusedWithTheLowercaseHint() {
        String m = fails(PackagePolicy.debianName("Apache2"));
        assertTrue(m.startsWith("'Apache2' is not a valid Debian package name (Policy 5.6.7"), m);
        assertTrue(m.endsWith("did you mean 'apache2'?"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "-foo", ".foo", "+foo", "foo_bar", "foo bar", "fo/o", ""})
    void invalidDebianNames(String name) {
        assertTrue(fails(PackagePolicy.debianName(name)).contains("is not a valid Debian package name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"httpd", "python3-mod_wsgi", "_foo", "Foo_Bar", "perl", "a"})
    void validRpmNames(String name) {
        assertEquals(Optional.empty(), PackagePolicy.rpmName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-foo", ".foo", "+foo", "foo..bar", "foo:bar", "foo@x", "foo bar"})
    void invalidRpmNamesAsRpmbuildRefusesThem(String name) {
        assertTrue(fails(PackagePolicy.rpmName(name)).contains("is not a valid rpm package name"));
    }

    @Test
    void debianUpstreamVersionRules() {
        assertEquals(Optional.empty(), PackagePolicy.debianUpstreamVersion("1.0~rc1+dfsg"));
        assertEquals(Optional.empty(), PackagePolicy.debianUpstreamVersion("0.0.20220731.a"));
        assertEquals(Optional.empty(), PackagePolicy.debianUpstreamVersion("2.0-beta"), "a revision follows");
        assertEquals("'1:2.0' must not contain ':'; put the epoch in the 'epoch' key",
                fails(PackagePolicy.debianUpstreamVersion("1:2.0")));
        assertTrue(fails(PackagePolicy.debianUpstreamVersion("v1.0")).contains("must start with a digit"));
        assertTrue(fails(PackagePolicy.debianUpstreamVersion("1.0_1")).endsWith("'_' is not allowed)"));
        assertTrue(fails(PackagePolicy.debianUpstreamVersion("1.0^1")).endsWith("'^' is not allowed)"));
    }

    @Test
    void debianRevisionHasNoHyphen() {
        assertEquals(Optional.empty(), PackagePolicy.debianRevision("1~bpo12+1"));
        assertTrue(fails(PackagePolicy.debianRevision("1-2")).contains("no '-'"));
    }

    @Test
    void rpmVersionRules() {
        assertEquals(Optional.empty(), PackagePolicy.rpmVersionPart("1.0~rc1", "version"));
        assertEquals(Optional.empty(), PackagePolicy.rpmVersionPart("1.0^git20260101", "version"));
        assertEquals(Optional.empty(), PackagePolicy.rpmVersionPart("1_0", "version"));
        assertEquals("'1.0-2' contains '-', which rpm does not allow in a version ('-' separates version and"
                + " release); use '.' or '~' instead", fails(PackagePolicy.rpmVersionPart("1.0-2", "version")));
        assertTrue(fails(PackagePolicy.rpmVersionPart("1..0", "release")).contains("contains '..'"));
        assertTrue(fails(PackagePolicy.rpmVersionPart("1:0", "version")).endsWith("':' is not allowed)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.0-|the revision after the last '-' is empty",
        "a1|the upstream version must start with a digit",
        "1:|nothing after the epoch's ':'",
        "x:1.0|the epoch before ':' must be a number",
        "1.0_1|'_' is not allowed",
        "1.0-1_1|the revision '1_1' may hold",
        "1.0 1|it contains a blank"})
    void debianFullVersionRefusesWhatDpkgRefuses(String version, String reason) {
        String m = fails(PackagePolicy.debianFullVersion(version));
        assertTrue(m.startsWith("'" + version + "' is not a valid Debian version"), m);
        assertTrue(m.contains(reason), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1:2.0~rc1-1", "2.0-beta-1", "0.0.20220731.a-2", "5.2.23+debian0-2~"})
    void debianFullVersionAccepts(String version) {
        assertEquals(Optional.empty(), PackagePolicy.debianFullVersion(version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"apache2", "php (>= 2:8.2)", "apache2 | nginx", "python3:any", "foo:amd64 (<< 3.0~)",
        "foo (>=1.0)", "foo(>=1.0)", "foo (>= 1.0 )"})
    void validDebianRelations(String relation) {
        assertEquals(Optional.empty(), PackagePolicy.debianRelation(relation));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo (< 1.0)|'<' is obsolete (Policy 7.1); use '<<' or '<='",
        "foo (>> 1.0-)|the revision after the last '-' is empty",
        "foo (>= a1)|the upstream version must start with a digit",
        "foo [amd64]|architecture lists '[...]' and build profiles '<...>' belong to source packages",
        "foo <!nocheck>|architecture lists",
        "foo:native|':native' is not allowed here",
        "foo (1.0)|the version needs an operator",
        "foo (>= )|the version after '>=' is missing",
        "Apache2|did you mean 'apache2'?",
        "'apache2 | | nginx'|has an empty alternative"})
    void invalidDebianRelations(String relation, String reason) {
        String m = fails(PackagePolicy.debianRelation(relation));
        assertTrue(m.contains(reason), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"httpd", "php >= 8.0", "foo >= 1:2.0-3", "python3dist(flask) >= 3", "/usr/bin/python3",
        "(httpd or nginx)", "foo < 2.0^git1"})
    void validRpmRelations(String relation) {
        assertEquals(Optional.empty(), PackagePolicy.rpmRelation(relation));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo>=1.0|put blanks around the operator (rpm reads 'foo>=1.0' as one capability name)",
        "foo >= 1.0-1-1|more than one '-'",
        "foo >= a:1|the epoch before ':' must be a number",
        "foo > 1..0|contains '..'",
        "(foo or bar|unbalanced parentheses",
        "foo >=|not a valid rpm relation",
        "foo >= 1.0 bar|not a valid rpm relation"})
    void invalidRpmRelations(String relation, String reason) {
        String m = fails(PackagePolicy.rpmRelation(relation));
        assertTrue(m.contains(reason), m);
    }

    @ParameterizedTest
    @CsvSource({
        "1.0~rc1, 1.0, -1",
        "1.0, 1.0+dfsg, -1",
        "1.0-1, 1.0-1~bpo1, 1",
        "1:0.9, 2.0, 1",
        "1.10, 1.9, 1",
        "1.0a, 1.0, 1",
        "1.0-2, 1.0-10, -1",
        "01.0, 1.0, 0",
        "1.0~, 1.0~~, 1"})
    void debianOrderIsDpkgs(String a, String b, int expected) {
        assertEquals(expected, Integer.signum(PackagePolicy.compareDebianVersions(a, b)));
        assertEquals(-expected, Integer.signum(PackagePolicy.compareDebianVersions(b, a)));
    }

    @ParameterizedTest
    @CsvSource({
        "1.0~rc1, 1.0, -1",
        "1.0^git1, 1.0, 1",
        "1.0^git1, 1.0.1, -1",
        "1.0^, 1.0, 1",
        "1.0, 1.0a, -1",
        "1.10, 1.9, 1",
        "1:0.9-1, 2.0-1, 1",
        "1.0-2, 1.0-10, -1",
        "1.0_1, 1.0.1, 0"})
    void rpmOrderIsRpmvercmps(String a, String b, int expected) {
        assertEquals(expected, Integer.signum(PackagePolicy.compareRpmVersions(a, b)));
        assertEquals(-expected, Integer.signum(PackagePolicy.compareRpmVersions(b, a)));
    }
}
