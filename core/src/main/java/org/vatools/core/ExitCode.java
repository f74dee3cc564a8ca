package org.vatools.core;

/**
 * Process exit codes shared by repo-tools and vainstall. These numbers are documented API
 * (docs/reference/exit-codes.md): scripts depend on them, so never renumber.
 */
public enum ExitCode {
    OK(0, "success"),
    INTERNAL(1, "unexpected internal error (a bug: please report it with --verbose output)"),
    USAGE(2, "invalid command line: unknown option, missing argument"),
    INVALID_INPUT(3, "invalid input: descriptor, seed, package, key or archive failed validation"),
    ENVIRONMENT(4, "environment or I/O error: unwritable path, missing tool, disk full, network"),
    VERIFICATION_FAILED(5, "a signature or checksum did not verify"),
    CONFLICT(6, "conflict: content differs for the same version, another appliance is installed, or a lock is held"),
    HOST_REQUIREMENTS(7, "the target does not meet the appliance's host requirements"),
    PACKAGE_MANAGER(8, "apt, dpkg, dnf or rpm reported a failure"),
    CHECK_FAILED(9, "the appliance was installed but a post-install check failed"),
    PARTIAL(10, "some targets succeeded and some failed (--hosts)"),
    NOT_FOUND(11, "the named appliance, package or file does not exist");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
