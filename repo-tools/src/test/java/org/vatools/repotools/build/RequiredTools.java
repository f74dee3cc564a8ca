package org.vatools.repotools.build;

import org.vatools.testkit.Tool;

/** Integration tests fail, never skip, when a real tool they hand packages to is missing. */
final class RequiredTools {
    private RequiredTools() {
    }

    static void require(String... tools) {
        for (String tool : tools) {
            if (!Tool.available(tool)) {
                throw new AssertionError("'" + tool + "' is not installed; install what the tests need with"
                        + " 'sh scripts/install-deps.sh test' (as root)");
            }
        }
    }

    /** dpkg --root and rpm --root run maintainer scripts in a chroot, which needs root. */
    static void requireRoot() {
        String uid = Tool.run("id", "-u").assertSuccess().stdout().strip();
        if (!uid.equals("0")) {
            throw new AssertionError("this test installs packages into a scratch root with dpkg --root and"
                    + " rpm --root, which chroot into it; run the tests as root");
        }
    }
}
