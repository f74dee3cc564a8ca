package org.vatools.core.pkg;

import static org.junit.jupiter.api.Assertions.fail;

import org.vatools.testkit.Tool;

/** Integration tests fail, never skip, when a real tool they compare against is missing. */
public final class RequiredTools {
    private RequiredTools() {
    }

    public static void require(String... names) {
        for (String name : names) {
            if (!Tool.available(name)) {
                fail(name + " is not installed; install the test tools with: sh scripts/install-deps.sh test");
            }
        }
    }
}
