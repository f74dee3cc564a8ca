package org.vatools.core.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vatools.testkit.Tool;

/** PackagePolicy's version order against dpkg --compare-versions and rpm's own rpm.vercmp. */
class VersionOrderIT {
    private static final List<String> DEB = List.of("1.0", "1.0~rc1", "1.0~~", "1.0+dfsg", "1.0-1", "1.0-1~bpo12+1",
            "1:0.9", "2.0-beta-1", "1.10", "1.9", "1.0a", "01.0", "0.0.20220731.a-2", "1.0-10", "1.0-2");
    private static final List<String> RPM = List.of("1.0", "1.0~rc1", "1.0^git1", "1.0^", "1.0.1", "1.0a", "1.10",
            "1.9", "1:0.9-1", "2.0-1", "1.0-2", "1.0-10", "1.0_1", "1.0~~", "2.0^post1~rc1");

    @BeforeAll
    static void toolsArePresent() {
        for (String tool : List.of("dpkg", "rpm")) {
            if (!Tool.available(tool)) {
                fail(tool + " is missing; run 'sh scripts/install-deps.sh test'");
            }
        }
    }

    @Test
    void debianOrderMatchesDpkgForEveryPair() {
        int pairs = 0;
        for (String a : DEB) {
            for (String b : DEB) {
                int dpkg = Tool.run("dpkg", "--compare-versions", a, "lt", b).exitCode() == 0 ? -1
                        : Tool.run("dpkg", "--compare-versions", a, "eq", b).exitCode() == 0 ? 0 : 1;
                assertEquals(dpkg, Integer.signum(PackagePolicy.compareDebianVersions(a, b)), a + " vs " + b);
                pairs++;
            }
        }
        assertEquals(DEB.size() * DEB.size(), pairs);
    }

    @Test
    void rpmOrderMatchesRpmForEveryPair() {
        StringBuilder lua = new StringBuilder("%{lua:");
        List<String[]> pairs = new ArrayList<>();
        for (String a : RPM) {
            for (String b : RPM) {
                pairs.add(new String[] {a, b});
                lua.append("print(rpm.vercmp(\"").append(a).append("\", \"").append(b).append("\") .. \" \") ");
            }
        }
        lua.append('}');
        String[] results = Tool.run("rpm", "--eval", lua.toString()).assertSuccess().stdout().strip().split("\\s+");
        assertEquals(pairs.size(), results.length);
        for (int i = 0; i < pairs.size(); i++) {
            String[] p = pairs.get(i);
            assertEquals(Integer.parseInt(results[i]), Integer.signum(PackagePolicy.compareRpmVersions(p[0], p[1])),
                    p[0] + " vs " + p[1]);
        }
    }
}
