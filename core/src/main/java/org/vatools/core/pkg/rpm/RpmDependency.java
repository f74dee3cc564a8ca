package org.vatools.core.pkg.rpm;

import java.util.Optional;

/**
 * One entry of a dependency list (provides, requires, conflicts, obsoletes and the weak ones) as
 * the header stores it: a name, the RPMSENSE flags and the version it is compared with.
 *
 * @param name    capability, package name, file path, {@code rpmlib(...)} or a rich dependency
 * @param flags   RPMSENSE bits as stored (comparison bits and the script/prerequisite bits)
 * @param version the {@code [epoch:]version[-release]} compared with, {@code ""} when unversioned
 */
public record RpmDependency(String name, int flags, String version) {
    public static final int LESS = 1 << 1;
    public static final int GREATER = 1 << 2;
    public static final int EQUAL = 1 << 3;
    public static final int POSTTRANS = 1 << 5;
    public static final int PREREQ = 1 << 6;
    public static final int PRETRANS = 1 << 7;
    public static final int INTERP = 1 << 8;
    public static final int SCRIPT_PRE = 1 << 9;
    public static final int SCRIPT_POST = 1 << 10;
    public static final int SCRIPT_PREUN = 1 << 11;
    public static final int SCRIPT_POSTUN = 1 << 12;
    public static final int MISSINGOK = 1 << 19;
    public static final int RPMLIB = 1 << 24;
    public static final int CONFIG = 1 << 28;

    /**
     * The comparison as createrepo_c writes it in repodata ({@code flags="GE"}): LT, GT, EQ, LE or
     * GE; empty for an unversioned dependency.
     */
    public Optional<String> relation() {
        int sense = flags & (LESS | GREATER | EQUAL);
        return switch (sense) {
            case LESS -> Optional.of("LT");
            case GREATER -> Optional.of("GT");
            case EQUAL -> Optional.of("EQ");
            case LESS | EQUAL -> Optional.of("LE");
            case GREATER | EQUAL -> Optional.of("GE");
            default -> Optional.empty();
        };
    }

    /** The operator as rpm prints it ({@code <=}, {@code =}, ...); empty when unversioned. */
    public Optional<String> operator() {
        int sense = flags & (LESS | GREATER | EQUAL);
        return switch (sense) {
            case LESS -> Optional.of("<");
            case GREATER -> Optional.of(">");
            case EQUAL -> Optional.of("=");
            case LESS | EQUAL -> Optional.of("<=");
            case GREATER | EQUAL -> Optional.of(">=");
            default -> Optional.empty();
        };
    }

    /** The compared version split into epoch, version and release; empty when unversioned. */
    public Optional<RpmEvr> evr() {
        return version.isEmpty() ? Optional.empty() : Optional.of(RpmEvr.parse(version));
    }

    /**
     * True for a requirement needed before the package's scripts run (Requires(pre), (post) or
     * the legacy PreReq): createrepo_c's {@code pre="1"}.
     */
    public boolean pre() {
        return (flags & (PREREQ | SCRIPT_PRE | SCRIPT_POST)) != 0;
    }

    /** True for an {@code rpmlib(...)} feature requirement, which repository metadata leaves out. */
    public boolean rpmlib() {
        return name.startsWith("rpmlib(");
    }

    /** The dependency as {@code rpm -qp --requires} prints it: {@code name}, or {@code name >= version}. */
    @Override
    public String toString() {
        return operator().map(op -> name + " " + op + " " + version).orElse(name);
    }
}
