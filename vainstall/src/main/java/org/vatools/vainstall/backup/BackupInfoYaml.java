package org.vatools.vainstall.backup;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.descriptor.Family;
import org.vatools.core.yaml.NodeReader;
import org.vatools.core.yaml.YamlNode;
import org.vatools.core.yaml.YamlTreeReader;

/**
 * Writes and reads info.yaml. Written by hand (every value double-quoted or a plain number), read
 * through core's located YAML reader with unknown keys refused, so a problem is reported as
 * {@code FILE!info.yaml:line:column: path: message}.
 */
public final class BackupInfoYaml {
    static final List<String> TOP_KEYS = List.of("appliance", "created", "tool", "host", "sysconfig", "appdata",
            "hook-data", "skipped");
    static final List<String> APPLIANCE_KEYS = List.of("name", "version", "family");
    static final List<String> HOST_KEYS = List.of("hostname", "os", "os-id", "os-version", "architecture", "target");
    static final List<String> SET_KEYS = List.of("path", "present", "entries", "bytes");
    static final List<String> HOOK_KEYS = List.of("entries", "bytes");

    private BackupInfoYaml() {
    }

    public static String write(BackupInfo info) {
        StringBuilder y = new StringBuilder();
        y.append("# What this appliance backup holds (docs/reference/abf.md).\n");
        y.append("appliance:\n");
        y.append("  name: ").append(q(info.appliance())).append('\n');
        y.append("  version: ").append(q(info.version())).append('\n');
        y.append("  family: ").append(q(info.family().id())).append('\n');
        y.append("created: ").append(q(info.created().truncatedTo(ChronoUnit.SECONDS).toString())).append('\n');
        y.append("tool: ").append(q(info.tool())).append('\n');
        HostSummary h = info.host();
        y.append("host:\n");
        y.append("  hostname: ").append(q(h.hostname())).append('\n');
        y.append("  os: ").append(q(h.os())).append('\n');
        y.append("  os-id: ").append(q(h.osId())).append('\n');
        y.append("  os-version: ").append(q(h.osVersion())).append('\n');
        y.append("  architecture: ").append(q(h.architecture())).append('\n');
        y.append("  target: ").append(q(h.target())).append('\n');
        for (BackupCategory c : BackupCategory.values()) {
            List<BackupSet> sets = info.sets(c);
            y.append(c.key()).append(':');
            if (sets.isEmpty()) {
                y.append(" []\n");
                continue;
            }
            y.append('\n');
            for (BackupSet s : sets) {
                y.append("  - path: ").append(q(s.path())).append('\n');
                y.append("    present: ").append(s.present()).append('\n');
                y.append("    entries: ").append(s.entries()).append('\n');
                y.append("    bytes: ").append(s.bytes()).append('\n');
            }
        }
        info.hook().ifPresent(d -> y.append("hook-data:\n  entries: ").append(d.entries()).append("\n  bytes: ")
                .append(d.bytes()).append('\n'));
        y.append("skipped:");
        if (info.skipped().isEmpty()) {
            y.append(" []\n");
        } else {
            y.append('\n');
            for (String s : info.skipped()) {
                y.append("  - ").append(q(s)).append('\n');
            }
        }
        return y.toString();
    }

    /** A YAML double-quoted scalar. */
    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c) && !valid(s, i)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean valid(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * Reads info.yaml of a format-2 backup.
     *
     * @throws InvalidInputException with every problem found
     */
    public static BackupInfo read(String text, String source) {
        YamlNode root = YamlTreeReader.read(text, source);
        NodeReader r = new NodeReader(source);
        YamlNode.Mapping top = r.mapping(root, "").orElseThrow(() -> new InvalidInputException(r.problems()));
        r.rejectUnknownKeys(top, "", TOP_KEYS);
        String name = "";
        String version = "";
        Family family = Family.DEB;
        Optional<YamlNode.Mapping> app = section(r, top, "appliance", true);
        if (app.isPresent()) {
            r.rejectUnknownKeys(app.get(), "appliance", APPLIANCE_KEYS);
            name = r.requiredString(app.get(), "name", "appliance").orElse("");
            version = r.requiredString(app.get(), "version", "appliance").orElse("");
            String f = r.requiredString(app.get(), "family", "appliance").orElse("deb");
            family = f.equals("rpm") ? Family.RPM : Family.DEB;
            if (!f.equals("deb") && !f.equals("rpm")) {
                r.problem(app.get().entries().get("family"), "appliance.family", "expected deb or rpm, found '" + f + "'");
            }
        }
        Instant created = Instant.EPOCH;
        Optional<String> c = r.requiredString(top, "created", "");
        if (c.isPresent()) {
            try {
                created = Instant.parse(c.get());
            } catch (DateTimeParseException e) {
                r.problem(top.entries().get("created"), "created", "expected a UTC time such as 2026-11-01T12:00:00Z,"
                        + " found '" + c.get() + "'");
            }
        }
        String tool = r.requiredString(top, "tool", "").orElse("");
        HostSummary host = new HostSummary("", "", "", "", "", "");
        Optional<YamlNode.Mapping> h = section(r, top, "host", true);
        if (h.isPresent()) {
            r.rejectUnknownKeys(h.get(), "host", HOST_KEYS);
            host = new HostSummary(opt(r, h.get(), "hostname", "host"), opt(r, h.get(), "os", "host"),
                    opt(r, h.get(), "os-id", "host"), opt(r, h.get(), "os-version", "host"),
                    opt(r, h.get(), "architecture", "host"), opt(r, h.get(), "target", "host"));
        }
        List<BackupSet> sets = new ArrayList<>();
        for (BackupCategory category : BackupCategory.values()) {
            sets.addAll(sets(r, top, category));
        }
        HookData hook = null;
        Optional<YamlNode.Mapping> hd = section(r, top, "hook-data", false);
        if (hd.isPresent()) {
            r.rejectUnknownKeys(hd.get(), "hook-data", HOOK_KEYS);
            hook = new HookData(count(r, hd.get(), "entries", "hook-data"), count(r, hd.get(), "bytes", "hook-data"));
        }
        List<String> skipped = new ArrayList<>();
        for (NodeReader.Located<String> s : r.stringList(top, "skipped", "")) {
            skipped.add(s.value());
        }
        if (!r.problems().isEmpty()) {
            throw new InvalidInputException(r.problems());
        }
        return new BackupInfo(name, version, family, created, tool, host, sets, hook, skipped);
    }

    private static List<BackupSet> sets(NodeReader r, YamlNode.Mapping top, BackupCategory category) {
        List<BackupSet> out = new ArrayList<>();
        if (!top.entries().containsKey(category.key())) {
            r.problemAtKey(top, category.key(), category.key(), "missing required key '" + category.key()
                    + "' (write [] when there are no sets)");
            return out;
        }
        List<NodeReader.Located<YamlNode.Mapping>> items = r.mappingList(top, category.key(), "", SET_KEYS);
        for (int i = 0; i < items.size(); i++) {
            YamlNode.Mapping m = items.get(i).value();
            String path = items.get(i).path();
            String dir = r.requiredString(m, "path", path).orElse("/");
            if (!EntryRules.isCleanAbsolute(dir)) {
                r.problem(m.entries().get("path"), path + ".path", "expected an absolute folder without '.' or '..'"
                        + " segments, found '" + dir + "'");
            }
            boolean present = r.optionalBoolean(m, "present", path).orElse(true);
            out.add(new BackupSet(category, i, dir, present, count(r, m, "entries", path), count(r, m, "bytes", path)));
        }
        return out;
    }

    private static Optional<YamlNode.Mapping> section(NodeReader r, YamlNode.Mapping top, String key, boolean required) {
        YamlNode node = top.entries().get(key);
        if (node == null) {
            if (required) {
                r.problem(top, key, "missing required key '" + key + "'");
            }
            return Optional.empty();
        }
        return r.mapping(node, key);
    }

    private static String opt(NodeReader r, YamlNode.Mapping m, String key, String parent) {
        YamlNode node = m.entries().get(key);
        if (node == null || (node instanceof YamlNode.Scalar s && s.isNull())) {
            return "";
        }
        return r.scalar(node, r.path(parent, key), false).orElse("");
    }

    private static long count(NodeReader r, YamlNode.Mapping m, String key, String parent) {
        Optional<String> v = r.requiredString(m, key, parent);
        if (v.isEmpty()) {
            return 0;
        }
        if (!v.get().matches("[0-9]{1,18}")) {
            r.problem(m.entries().get(key), r.path(parent, key), "expected a count (0 or more), found '" + v.get() + "'");
            return 0;
        }
        return Long.parseLong(v.get());
    }

    /**
     * What a backup of the original design (format 1) says about its appliance: {@code name} and
     * {@code version} at the top or under {@code appliance}; everything else is not relied on.
     */
    public static Legacy readLegacy(String text, String source) {
        YamlNode root = YamlTreeReader.read(text, source);
        NodeReader r = new NodeReader(source);
        YamlNode.Mapping top = r.mapping(root, "").orElseThrow(() -> new InvalidInputException(r.problems()));
        YamlNode.Mapping where = top;
        String parent = "";
        if (top.entries().get("appliance") instanceof YamlNode.Mapping m) {
            where = m;
            parent = "appliance";
        }
        String name = r.requiredString(where, "name", parent).orElse("");
        String version = r.requiredString(where, "version", parent).orElse("");
        if (!r.problems().isEmpty()) {
            throw new InvalidInputException(r.problems());
        }
        return new Legacy(name, version);
    }

    /** The appliance a format-1 backup belongs to. */
    public record Legacy(String name, String version) {
    }

    static Problem problem(String source, String message) {
        return Problem.inFile(source, message);
    }
}
