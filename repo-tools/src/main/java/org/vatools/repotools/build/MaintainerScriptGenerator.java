package org.vatools.repotools.build;

import org.vatools.core.descriptor.ApplianceVersion;
import org.vatools.core.descriptor.Family;
import org.vatools.core.descriptor.PackageLayout;

/**
 * Generates the maintainer scripts that embed an appliance's configure, remove and purge steps
 * (docs/decisions.md D4, docs/reference/package-layout.md).
 *
 * <p>Every script is POSIX sh with {@code set -e}. It exports {@code VA_NAME}, {@code VA_VERSION}
 * and {@code VA_FAMILY} (deb or rpm), defines {@code va_answer QUESTION}, and runs each step in a
 * function whose body is a subshell, called with the script's own arguments ({@code configure}
 * and the previous version on deb, the package count on rpm): a step's variables, {@code cd} and
 * {@code exit} stay inside it, and a failing command fails the script. The steps are embedded
 * verbatim (not indented), so here-documents in them keep working.
 *
 * <ul>
 * <li>deb: postinst {@code configure} runs the configure step; prerm {@code remove} the remove
 *     step; postrm {@code purge} the purge step and then deletes /etc/virtual-appliance/NAME.</li>
 * <li>rpm: %post runs the configure step on install and upgrade; %preun the remove step and
 *     %postun the purge step plus the deletion only on erase ({@code $1 = 0}), as rpm has no
 *     separate purge.</li>
 * </ul>
 */
public final class MaintainerScriptGenerator {
    private MaintainerScriptGenerator() {
    }

    public static DebMaintainerScripts deb(String name, ApplianceVersion version, ScriptFragments steps) {
        String postinst = steps.configureStep().map(step -> debScript(name, version, "postinst",
                function("va_configure", "configure", step)
                        + "case \"$1\" in\n"
                        + "    configure)\n"
                        + "        va_configure \"$@\"\n"
                        + "        ;;\n"
                        + "    abort-upgrade|abort-remove|abort-deconfigure)\n"
                        + "        ;;\n"
                        + unknownArgument("postinst")
                        + "esac\n")).orElse(null);
        String prerm = steps.removeStep().map(step -> debScript(name, version, "prerm",
                function("va_remove", "remove", step)
                        + "case \"$1\" in\n"
                        + "    remove)\n"
                        + "        va_remove \"$@\"\n"
                        + "        ;;\n"
                        + "    upgrade|deconfigure|failed-upgrade)\n"
                        + "        ;;\n"
                        + unknownArgument("prerm")
                        + "esac\n")).orElse(null);
        String purgeFunction = steps.purgeStep().map(step -> function("va_purge", "purge", step)).orElse("");
        String postrm = debScript(name, version, "postrm",
                purgeFunction
                        + "case \"$1\" in\n"
                        + "    purge)\n"
                        + (purgeFunction.isEmpty() ? "" : "        va_purge \"$@\"\n")
                        + removeAnswers(name, "        ")
                        + "        ;;\n"
                        + "    remove|upgrade|failed-upgrade|abort-install|abort-upgrade|disappear)\n"
                        + "        ;;\n"
                        + unknownArgument("postrm")
                        + "esac\n");
        return new DebMaintainerScripts(postinst, prerm, postrm);
    }

    public static RpmScriptlets rpm(String name, ApplianceVersion version, ScriptFragments steps) {
        String post = steps.configureStep().map(step -> rpmScript(name, version, "%post",
                function("va_configure", "configure", step)
                        + "# $1 is 1 on install and 2 or more on upgrade: configure runs on both.\n"
                        + "va_configure \"$@\"\n")).orElse(null);
        String preun = steps.removeStep().map(step -> rpmScript(name, version, "%preun",
                function("va_remove", "remove", step)
                        + "# $1 is 0 when the package is erased, 1 or more when an upgrade replaces it.\n"
                        + "if [ \"$1\" -eq 0 ]; then\n"
                        + "    va_remove \"$@\"\n"
                        + "fi\n")).orElse(null);
        String purgeFunction = steps.purgeStep().map(step -> function("va_purge", "purge", step)).orElse("");
        String postun = rpmScript(name, version, "%postun",
                purgeFunction
                        + "# $1 is 0 when the package is erased (rpm's purge), 1 or more after an upgrade.\n"
                        + "if [ \"$1\" -eq 0 ]; then\n"
                        + (purgeFunction.isEmpty() ? "" : "    va_purge \"$@\"\n")
                        + removeAnswers(name, "    ")
                        + "fi\n");
        return new RpmScriptlets(post, preun, postun);
    }

    private static String debScript(String name, ApplianceVersion version, String which, String body) {
        return "#!/bin/sh\n"
                + "# " + which + " of " + name + " " + version.debian() + ", generated by 'repo-tools build' from\n"
                + "# appliance.yaml; see docs/reference/package-layout.md.\n"
                + "set -e\n\n"
                + prologue(name, version, Family.DEB)
                + body
                + "\nexit 0\n";
    }

    private static String rpmScript(String name, ApplianceVersion version, String which, String body) {
        return "# " + which + " of " + name + " " + version.rpmEvr() + ", generated by 'repo-tools build' from\n"
                + "# appliance.yaml; see docs/reference/package-layout.md.\n"
                + "set -e\n\n"
                + prologue(name, version, Family.RPM)
                + body;
    }

    /** The VA_* environment and va_answer, shared by every script. */
    private static String prologue(String name, ApplianceVersion version, Family family) {
        String answers = PackageLayout.answersPath(name);
        StringBuilder sb = new StringBuilder();
        sb.append("VA_NAME='").append(name).append("'\n");
        sb.append("VA_VERSION='").append(family == Family.DEB ? version.debian() : version.rpmEvr()).append("'\n");
        sb.append("VA_FAMILY='").append(family.id()).append("'\n");
        sb.append("export VA_NAME VA_VERSION VA_FAMILY\n\n");
        sb.append("# va_answer QUESTION prints the installer's answer to a debconf question: from\n");
        sb.append("# ").append(answers).append(" (root only, debconf-set-selections format)\n");
        if (family == Family.DEB) {
            sb.append("# when that file answers it, else from the debconf database. No answer is an error.\n");
        } else {
            sb.append("# (rpm hosts have no debconf). No answer is an error.\n");
        }
        sb.append("va_answer() (\n");
        sb.append("    va_file='").append(answers).append("'\n");
        sb.append("    va_has=\n");
        sb.append("    va_value=\n");
        sb.append("    va_line=\n");
        sb.append("    va_cr=$(printf '\\r')\n");
        sb.append("    if [ -f \"$va_file\" ]; then\n");
        sb.append("        while IFS= read -r va_part || [ -n \"$va_part\" ]; do\n");
        sb.append("            va_part=${va_part%\"$va_cr\"}\n");
        sb.append("            case $va_part in\n");
        sb.append("                *\\\\)\n");
        sb.append("                    va_line=$va_line${va_part%\\\\}\n");
        sb.append("                    continue\n");
        sb.append("                    ;;\n");
        sb.append("            esac\n");
        sb.append("            va_rest=$va_line$va_part\n");
        sb.append("            va_line=\n");
        sb.append("            va_rest=${va_rest#\"${va_rest%%[! \t]*}\"}\n");
        sb.append("            case $va_rest in\n");
        sb.append("                ''|'#'*) continue ;;\n");
        sb.append("            esac\n");
        sb.append("            va_owner=${va_rest%%[ \t]*}\n");
        sb.append("            va_rest=${va_rest#\"$va_owner\"}\n");
        sb.append("            va_rest=${va_rest#\"${va_rest%%[! \t]*}\"}\n");
        sb.append("            va_question=${va_rest%%[ \t]*}\n");
        sb.append("            va_rest=${va_rest#\"$va_question\"}\n");
        sb.append("            va_rest=${va_rest#\"${va_rest%%[! \t]*}\"}\n");
        sb.append("            va_type=${va_rest%%[ \t]*}\n");
        sb.append("            va_rest=${va_rest#\"$va_type\"}\n");
        sb.append("            va_rest=${va_rest#[ \t]}\n");
        sb.append("            if [ \"$va_question\" = \"$1\" ] && [ \"$va_type\" != seen ]; then\n");
        sb.append("                va_has=1\n");
        sb.append("                va_value=$va_rest\n");
        sb.append("            fi\n");
        sb.append("        done < \"$va_file\"\n");
        sb.append("    fi\n");
        sb.append("    if [ -n \"$va_has\" ]; then\n");
        sb.append("        printf '%s\\n' \"$va_value\"\n");
        sb.append("        exit 0\n");
        sb.append("    fi\n");
        if (family == Family.DEB) {
            sb.append("    if command -v debconf-communicate >/dev/null 2>&1; then\n");
            sb.append("        va_reply=$(printf 'GET %s\\n' \"$1\" | debconf-communicate 2>/dev/null) || :\n");
            sb.append("        case $va_reply in\n");
            sb.append("            0)\n");
            sb.append("                printf '\\n'\n");
            sb.append("                exit 0\n");
            sb.append("                ;;\n");
            sb.append("            '0 '*)\n");
            sb.append("                printf '%s\\n' \"${va_reply#0 }\"\n");
            sb.append("                exit 0\n");
            sb.append("                ;;\n");
            sb.append("        esac\n");
            sb.append("    fi\n");
            sb.append("    echo \"$VA_NAME: no answer to '$1' in $va_file or in debconf\" >&2\n");
        } else {
            sb.append("    echo \"$VA_NAME: no answer to '$1' in $va_file\" >&2\n");
        }
        sb.append("    exit 1\n");
        sb.append(")\n\n");
        return sb.toString();
    }

    /** A function running {@code step} in a subshell with {@code set -e}. */
    private static String function(String function, String stepName, String step) {
        String text = step.endsWith("\n") ? step : step + "\n";
        return "# The appliance's " + stepName + " step (scripts." + stepName + " in appliance.yaml), verbatim.\n"
                + function + "() (\n"
                + "set -e\n"
                + "# ---- begin scripts." + stepName + " ----\n"
                + text
                + "# ---- end scripts." + stepName + " ----\n"
                + ")\n\n";
    }

    private static String unknownArgument(String script) {
        return "    *)\n"
                + "        echo \"" + script + " called with unknown argument '$1'\" >&2\n"
                + "        exit 1\n"
                + "        ;;\n";
    }

    private static String removeAnswers(String name, String indent) {
        String dir = PackageLayout.ETC_ROOT + "/" + name;
        return indent + "rm -rf '" + dir + "'\n"
                + indent + "rmdir '" + PackageLayout.ETC_ROOT + "' 2>/dev/null || :\n";
    }
}
