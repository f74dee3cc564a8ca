package org.vatools.repotools.publish.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vatools.repotools.cli.RepoToolsMain;
import org.vatools.repotools.publish.RepoTrees;
import org.vatools.repotools.publish.TestDebs;
import org.vatools.repotools.publish.TestRepoKeys;
import org.vatools.testkit.GnupgHome;
import org.vatools.testkit.Tool;

/**
 * A repository the publisher may not write to: the publish fails with ENVIRONMENT naming the file,
 * and the repository is byte for byte as it was. Root may write anywhere, so as root the folders
 * are made immutable (chattr +i); otherwise they are made read-only.
 */
class UnwritableRepositoryIT {
    @TempDir
    Path tmp;
    Path repo;
    Path key;

    record Run(int exit, String out, String err) {
    }

    Run publish(String... inputs) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("publish", "--repo", repo.toString(),
                "--key", key.toString()), java.util.stream.Stream.of(inputs)).toArray(String[]::new);
        int exit = RepoToolsMain.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void publishOnce() throws Exception {
        key = TestRepoKeys.write("rw", tmp.resolve("keys"));
        repo = tmp.resolve("repo");
        assertEquals(0, publish(TestDebs.deb("first", "1").writeTo(tmp.resolve("in")).toString()).exit());
    }

    static boolean root() {
        return "0".equals(Tool.run("id", "-u").assertSuccess().stdout().strip());
    }

    static void protect(Path p, boolean on) {
        if (root()) {
            GnupgHome.requireTools("chattr");
            // chattr refuses symbolic links: flag every file and folder but them
            Tool.run(List.of("find", p.toString(), "!", "-type", "l", "-exec", "chattr", on ? "+i" : "-i", "{}", "+"),
                    null, Map.of(), null, 60).assertSuccess();
        } else {
            Tool.run(List.of("chmod", "-R", on ? "a-w" : "u+w", p.toString()), null, Map.of(), null, 60).assertSuccess();
        }
    }

    @Test
    void aRepositoryThatCannotBeWrittenFailsNamingTheFileAndStaysAsItWas() throws Exception {
        String deb = TestDebs.deb("second", "1").writeTo(tmp.resolve("more")).toString();
        var before = RepoTrees.snapshot(repo);
        Run r;
        try {
            protect(repo, true);
            r = publish(deb);
        } finally {
            protect(repo, false);
        }
        assertEquals(4, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(repo.toString()) && r.err().contains("not writable"), r.err());
        assertEquals(before, RepoTrees.snapshot(repo));
    }

    @Test
    void aPoolThatCannotBeWrittenFailsAtTheCommitAndTheMovedFilesAreTakenOutAgain() throws Exception {
        String deb = TestDebs.deb("second", "1").writeTo(tmp.resolve("more")).toString();
        var before = RepoTrees.snapshot(repo);
        Path pool = repo.resolve("apt/pool/main");
        Run r;
        try {
            protect(pool, true);
            r = publish(deb);
        } finally {
            protect(pool, false);
        }
        assertEquals(4, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(pool.toString()) && r.err().contains("cannot write"), r.err());
        assertEquals(before, RepoTrees.snapshot(repo));
        assertEquals(0, publish(deb).exit(), "publishes once the pool is writable again");
    }
}
