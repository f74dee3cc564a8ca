package org.vatools.vainstall.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.vatools.vainstall.target.Command;
import org.vatools.vainstall.target.Result;
import org.vatools.vainstall.target.Target;
import org.vatools.vainstall.target.TargetConnection;

/**
 * A target for unit tests: records every command, emulates the file commands of
 * {@link org.vatools.vainstall.target.TargetFiles} (cat, test, mktemp, dd, chown, chmod, mv, rm, ls,
 * mkdir) on an in-memory file tree, and answers other commands from rules the test registers.
 * A command no rule matches ends with 127, so a test sees it.
 */
public final class FakeTarget implements Target {
    public final Map<String, byte[]> files = new TreeMap<>();
    public final Map<String, String> modes = new TreeMap<>();
    public final Map<String, String> owners = new TreeMap<>();
    public final TreeSet<String> dirs = new TreeSet<>(List.of("/", "/tmp", "/etc", "/usr", "/usr/sbin"));
    public final List<Command> commands = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private int counter;
    private boolean runsServices = true;
    private String reachableHost;
    private Function<String, byte[]> connectAnswer;
    public boolean closed;

    private record Rule(Predicate<Command> match, Function<Command, Result> answer) {
    }

    /** Answers commands whose argv starts with {@code prefix}; later rules win. */
    public FakeTarget on(List<String> prefix, int exit, String stdout, String stderr) {
        return on(c -> c.argv().size() >= prefix.size() && c.argv().subList(0, prefix.size()).equals(prefix),
                c -> new Result(c, exit, stdout.getBytes(StandardCharsets.UTF_8), stderr));
    }

    public FakeTarget on(Predicate<Command> match, Function<Command, Result> answer) {
        rules.add(0, new Rule(match, answer));
        return this;
    }

    public static Result result(Command c, int exit, byte[] stdout, String stderr) {
        return new Result(c, exit, stdout, stderr);
    }

    public FakeTarget chroot() {
        runsServices = false;
        return this;
    }

    public FakeTarget reachableAs(String host) {
        reachableHost = host;
        return this;
    }

    /** What a connection to host:port answers with (null: refused). */
    public FakeTarget connections(Function<String, byte[]> answer) {
        connectAnswer = answer;
        return this;
    }

    public FakeTarget file(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        addParents(path);
        return this;
    }

    public String text(String path) {
        return new String(files.get(path), StandardCharsets.UTF_8);
    }

    /** Commands whose program is one of {@code programs}. */
    public List<Command> commandsOf(String... programs) {
        List<String> p = List.of(programs);
        return commands.stream().filter(c -> p.contains(c.program())).toList();
    }

    private void addParents(String path) {
        for (int i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
            dirs.add(path.substring(0, i));
        }
    }

    @Override
    public Result run(Command c) {
        commands.add(c);
        List<String> a = c.argv();
        for (Rule r : rules) {
            if (r.match().test(c)) {
                return r.answer().apply(c);
            }
        }
        Optional<Result> fileOp = fileCommand(c, a);
        return fileOp.orElseGet(() -> new Result(c, 127, new byte[0], c.program() + ": no rule in FakeTarget for "
                + c.display()));
    }

    private Optional<Result> fileCommand(Command c, List<String> a) {
        String last = a.get(a.size() - 1);
        switch (c.program()) {
            case "cat" -> {
                byte[] b = files.get(last);
                return Optional.of(b != null ? result(c, 0, b, "")
                        : result(c, 1, new byte[0], "cat: " + last + ": No such file or directory"));
            }
            case "test" -> {
                String p = a.get(2);
                boolean ok = switch (a.get(1)) {
                    case "-d" -> dirs.contains(p);
                    case "-x" -> files.containsKey(p);
                    default -> files.containsKey(p) || dirs.contains(p);
                };
                return Optional.of(result(c, ok ? 0 : 1, new byte[0], ""));
            }
            case "mktemp" -> {
                counter++;
                if (a.contains("-d")) {
                    String d = "/tmp/vainstall.fake" + counter;
                    dirs.add(d);
                    return Optional.of(result(c, 0, (d + "\n").getBytes(StandardCharsets.UTF_8), ""));
                }
                String p = last.replace("XXXXXXXX", "tmp" + counter);
                files.put(p, new byte[0]);
                modes.put(p, "0600");
                return Optional.of(result(c, 0, (p + "\n").getBytes(StandardCharsets.UTF_8), ""));
            }
            case "dd" -> {
                String p = a.get(1).substring(3);
                files.put(p, c.stdin() == null ? new byte[0] : c.stdin());
                return Optional.of(result(c, 0, new byte[0], ""));
            }
            case "chown" -> {
                owners.put(last, a.get(1));
                return Optional.of(result(c, 0, new byte[0], ""));
            }
            case "chmod" -> {
                modes.put(last, a.get(1));
                return Optional.of(result(c, 0, new byte[0], ""));
            }
            case "mv" -> {
                String from = a.get(a.size() - 2);
                byte[] b = files.remove(from);
                if (b == null) {
                    return Optional.of(result(c, 1, new byte[0], "mv: cannot stat '" + from + "'"));
                }
                files.put(last, b);
                addParents(last);
                Optional.ofNullable(modes.remove(from)).ifPresent(m -> modes.put(last, m));
                Optional.ofNullable(owners.remove(from)).ifPresent(o -> owners.put(last, o));
                return Optional.of(result(c, 0, new byte[0], ""));
            }
            case "rm" -> {
                files.keySet().removeIf(p -> p.equals(last) || p.startsWith(last + "/"));
                dirs.removeIf(p -> p.equals(last) || p.startsWith(last + "/"));
                return Optional.of(result(c, 0, new byte[0], ""));
            }
            case "ls" -> {
                if (!dirs.contains(last)) {
                    return Optional.of(result(c, 2, new byte[0], "ls: cannot access '" + last + "'"));
                }
                StringBuilder sb = new StringBuilder();
                String prefix = last + "/";
                TreeSet<String> names = new TreeSet<>();
                for (String p : files.keySet()) {
                    if (p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
                        names.add(p.substring(prefix.length()));
                    }
                }
                for (String d : dirs) {
                    if (d.startsWith(prefix) && d.indexOf('/', prefix.length()) < 0) {
                        names.add(d.substring(prefix.length()));
                    }
                }
                names.forEach(n -> sb.append(n).append('\n'));
                return Optional.of(result(c, 0, sb.toString().getBytes(StandardCharsets.UTF_8), ""));
            }
            case "mkdir" -> {
                dirs.add(last);
                addParents(last + "/x");
                return Optional.of(result(c, 0, new byte[0], ""));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    @Override
    public String describe() {
        return "the fake host";
    }

    @Override
    public boolean runsServices() {
        return runsServices;
    }

    @Override
    public Optional<String> reachableHost() {
        return Optional.ofNullable(reachableHost);
    }

    @Override
    public TargetConnection connect(String host, int port, Duration timeout) throws IOException {
        byte[] answer = connectAnswer == null ? null : connectAnswer.apply(host + ":" + port);
        if (answer == null) {
            throw new IOException("Connection refused");
        }
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(answer);
        return new TargetConnection() {
            @Override
            public InputStream input() {
                return in;
            }

            @Override
            public OutputStream output() {
                return sent;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
        closed = true;
    }
}
