package org.vatools.repotools.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vatools.core.descriptor.ApplianceVersion;

class MaintainerScriptGeneratorTest {
    private static final ApplianceVersion VERSION = new ApplianceVersion(0, "1.0", "2");
    private static final String CONFIGURE = """
            #!/bin/sh
            cat > /etc/example.conf <<EOF
            title=$(va_answer example/title)
            EOF""";
    private static final ScriptFragments ALL = new ScriptFragments(CONFIGURE, "echo removing\n", "echo purging\n");

    @Test
    void debPostinstRunsTheConfigureStepOnConfigureOnly() {
        String postinst = MaintainerScriptGenerator.deb("example-appliance", VERSION, ALL).postinst();
        assertTrue(postinst.startsWith("#!/bin/sh\n"), postinst);
        assertBefore(postinst, "set -e\n", "VA_NAME=");
        assertTrue(postinst.contains("VA_NAME='example-appliance'\nVA_VERSION='1.0-2'\nVA_FAMILY='deb'\n"
                + "export VA_NAME VA_VERSION VA_FAMILY\n"), postinst);
        assertTrue(postinst.contains("va_configure() (\nset -e\n"), "the step runs in a subshell with set -e");
        assertTrue(postinst.contains("""
                cat > /etc/example.conf <<EOF
                title=$(va_answer example/title)
                EOF
                """), "the step is embedded verbatim, not indented, so its here-document still ends");
        assertTrue(postinst.contains("    configure)\n        va_configure \"$@\"\n        ;;\n"), postinst);
        assertTrue(postinst.contains("    abort-upgrade|abort-remove|abort-deconfigure)\n        ;;\n"), postinst);
        assertTrue(postinst.contains("echo \"postinst called with unknown argument '$1'\" >&2\n        exit 1"),
                postinst);
        assertTrue(postinst.endsWith("esac\n\nexit 0\n"), postinst);
    }

    @Test
    void debPrermRunsTheRemoveStepOnRemoveButNotOnUpgrade() {
        String prerm = MaintainerScriptGenerator.deb("example-appliance", VERSION, ALL).prerm();
        assertTrue(prerm.contains("    remove)\n        va_remove \"$@\"\n        ;;\n"), prerm);
        assertTrue(prerm.contains("    upgrade|deconfigure|failed-upgrade)\n        ;;\n"), prerm);
        assertTrue(prerm.contains("echo removing\n"), prerm);
    }

    @Test
    void debPostrmPurgesTheStepThenTheAnswersFolder() {
        String postrm = MaintainerScriptGenerator.deb("example-appliance", VERSION, ALL).postrm();
        String purgeArm = postrm.substring(postrm.indexOf("    purge)\n"), postrm.indexOf("    remove|upgrade"));
        assertEquals("""
                    purge)
                        va_purge "$@"
                        rm -rf '/etc/virtual-appliance/example-appliance'
                        rmdir '/etc/virtual-appliance' 2>/dev/null || :
                        ;;
                """, purgeArm);
        assertTrue(postrm.contains("    remove|upgrade|failed-upgrade|abort-install|abort-upgrade|disappear)\n"
                + "        ;;\n"), postrm);
    }

    @Test
    void withoutStepsOnlyThePostrmIsGenerated() {
        DebMaintainerScripts deb = MaintainerScriptGenerator.deb("example-appliance", VERSION, ScriptFragments.none());
        assertNull(deb.postinst());
        assertNull(deb.prerm());
        assertNotNull(deb.postrm());
        assertFalse(deb.postrm().contains("va_purge"), deb.postrm());
        assertTrue(deb.postrm().contains("rm -rf '/etc/virtual-appliance/example-appliance'"), deb.postrm());
        assertEquals(List.of("postrm"), List.copyOf(deb.byName().keySet()));

        RpmScriptlets rpm = MaintainerScriptGenerator.rpm("example-appliance", VERSION, ScriptFragments.none());
        assertNull(rpm.post());
        assertNull(rpm.preun());
        assertTrue(rpm.postun().contains("if [ \"$1\" -eq 0 ]; then\n    rm -rf '/etc/virtual-appliance/example-appliance'"),
                rpm.postun());
    }

    @Test
    void rpmScriptletsRunRemoveAndPurgeOnlyOnErase() {
        RpmScriptlets rpm = MaintainerScriptGenerator.rpm("example-appliance", VERSION, ALL);
        assertFalse(rpm.post().startsWith("#!"), "rpm scriptlets have no interpreter line");
        assertTrue(rpm.post().contains("VA_FAMILY='rpm'"), rpm.post());
        assertTrue(rpm.post().endsWith("va_configure \"$@\"\n"), "configure runs on install and upgrade");
        assertTrue(rpm.preun().endsWith("if [ \"$1\" -eq 0 ]; then\n    va_remove \"$@\"\nfi\n"), rpm.preun());
        assertTrue(rpm.postun().contains("if [ \"$1\" -eq 0 ]; then\n    va_purge \"$@\"\n"
                + "    rm -rf '/etc/virtual-appliance/example-appliance'\n"), rpm.postun());
        for (String script : List.of(rpm.post(), rpm.preun(), rpm.postun())) {
            assertBefore(script, "set -e\n", "VA_NAME=");
        }
    }

    @Test
    void vaAnswerReadsTheAnswersFileAndOnDebHostsDebconf() {
        String deb = MaintainerScriptGenerator.deb("example-appliance", VERSION, ALL).postinst();
        String rpm = MaintainerScriptGenerator.rpm("example-appliance", VERSION, ALL).post();
        for (String script : List.of(deb, rpm)) {
            assertTrue(script.contains("va_answer() (\n"), script);
            assertTrue(script.contains("va_file='/etc/virtual-appliance/example-appliance/answers'"), script);
        }
        assertTrue(deb.contains("printf 'GET %s\\n' \"$1\" | debconf-communicate"), deb);
        assertFalse(rpm.contains("debconf-communicate"), "rpm hosts have no debconf:\n" + rpm);
    }

    @Test
    void theVersionCarriesTheEpochAndAStepWithoutFinalNewlineGetsOne() {
        ApplianceVersion withEpoch = new ApplianceVersion(2, "1.0", "2");
        DebMaintainerScripts deb = MaintainerScriptGenerator.deb("example-appliance", withEpoch,
                new ScriptFragments("echo no newline", null, null));
        assertTrue(deb.postinst().contains("VA_VERSION='2:1.0-2'"), deb.postinst());
        assertTrue(deb.postinst().contains("echo no newline\n# ---- end scripts.configure ----\n)"), deb.postinst());
        RpmScriptlets rpm = MaintainerScriptGenerator.rpm("example-appliance", withEpoch, ScriptFragments.none());
        assertTrue(rpm.postun().contains("VA_VERSION='2:1.0-2'"), rpm.postun());
    }

    @Test
    void aStepOfCommentsOnlyStillMakesAValidFunctionBody() {
        String postinst = MaintainerScriptGenerator.deb("example-appliance", VERSION,
                new ScriptFragments("#!/bin/sh\n# nothing to do\n", null, null)).postinst();
        String body = postinst.substring(postinst.indexOf("va_configure() (\n") + "va_configure() (\n".length(),
                postinst.indexOf("\n)\n", postinst.indexOf("va_configure() (")));
        assertTrue(body.lines().anyMatch(l -> !l.isBlank() && !l.startsWith("#")),
                "an all-comment body would be a syntax error in sh: " + body);
    }

    private static void assertBefore(String text, String first, String second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        assertTrue(a >= 0 && b >= 0 && a < b, () -> "'" + first.strip() + "' must come before '" + second + "' in\n" + text);
    }
}
