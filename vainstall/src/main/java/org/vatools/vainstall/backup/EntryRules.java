package org.vatools.vainstall.backup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * The rules every entry of a backup set obeys, checked as entries stream past, by the writer (so a
 * backup never holds what a restore would refuse) and by both passes of the reader:
 * <ul>
 * <li>paths are relative to the set, with no empty, {@code .} or {@code ..} segment, no NUL, and
 *     appear once;</li>
 * <li>only folders, regular files, symlinks and hard links; no device files, FIFOs or sockets;</li>
 * <li>no entry lies below a symlink of the set (nothing is written through a link);</li>
 * <li>a symlink's target, resolved as text from the link's folder (or, when absolute, against the
 *     set's folder on the host), stays inside the set and passes through no other symlink;</li>
 * <li>a hard link points to a regular file that came earlier in the same set;</li>
 * <li>regular files carry no setuid or setgid bit.</li>
 * </ul>
 * Symlink targets are checked when the set ends, when every symlink of the set is known.
 */
public final class EntryRules {
    private final String label;
    private final Set<String> paths = new HashSet<>();
    private final Set<String> files = new HashSet<>();
    private final Map<String, String> symlinks = new HashMap<>();
    private final Set<String> users = new TreeSet<>();
    private final Set<String> groups = new TreeSet<>();
    private long entries;
    private long bytes;

    /** @param label names the set in messages: {@code appdata.tar.gz: 1/} */
    public EntryRules(String label) {
        this.label = label;
    }

    /** Checks one entry; throws INVALID_INPUT naming the set, the entry and the rule. */
    public void accept(BackupEntry e) {
        String p = e.path();
        if (!p.isEmpty() && !isCleanRelative(p)) {
            throw refused(e.shown(), "is not a clean relative path (no leading '/', no empty, '.' or '..' segments)");
        }
        if (!paths.add(p)) {
            throw refused(e.shown(), "appears twice");
        }
        if (p.isEmpty() && e.type() != BackupEntry.Type.DIRECTORY) {
            throw refused(e.shown(), "is the set's own folder, but is not a folder");
        }
        switch (e.type()) {
            case FILE -> {
                if ((e.mode() & 06000) != 0) {
                    throw refused(e.shown(), "has the setuid or setgid bit (mode " + String.format("%04o",
                            e.permissions()) + "); backups never restore such files");
                }
                files.add(p);
                bytes += e.size();
            }
            case SYMLINK -> {
                if (e.link() == null || e.link().isEmpty() || e.link().indexOf('\0') >= 0) {
                    throw refused(e.shown(), "is a symlink without a valid target");
                }
                symlinks.put(p, e.link());
            }
            case HARDLINK -> {
                if (e.link() == null || !isCleanRelative(e.link()) || !files.contains(e.link())) {
                    throw refused(e.shown(), "is a hard link to '" + e.link() + "', which is not a regular file"
                            + " earlier in the same set");
                }
            }
            case DIRECTORY -> {
            }
            default -> throw new IllegalStateException();
        }
        if (!e.user().isEmpty()) {
            users.add(e.user());
        }
        if (!e.group().isEmpty()) {
            groups.add(e.group());
        }
        entries++;
    }

    /**
     * End-of-set checks: nothing below a symlink, every symlink target inside the set.
     *
     * @param root the set's folder on the host, for absolute symlink targets; null when it has
     *             none (hook data), and then absolute targets are refused
     */
    public void finish(String root) {
        for (String p : paths) {
            int slash = p.indexOf('/');
            while (slash > 0) {
                String parent = p.substring(0, slash);
                if (symlinks.containsKey(parent)) {
                    throw refused(p, "lies below the symlink '" + parent + "'; writing it would follow the link");
                }
                slash = p.indexOf('/', slash + 1);
            }
        }
        for (Map.Entry<String, String> link : symlinks.entrySet()) {
            String problem = symlinkProblem(link.getKey(), link.getValue(), root, symlinks.keySet());
            if (problem != null) {
                throw refused(link.getKey(), "is a symlink to '" + link.getValue() + "', which " + problem);
            }
        }
    }

    /**
     * Why a symlink at {@code path} with {@code target} is refused, or null when it stays inside the
     * set, given the set's other symlinks.
     */
    static String symlinkProblem(String path, String target, String root, Set<String> symlinks) {
        List<String> stack = new ArrayList<>();
        String rest = target;
        if (target.startsWith("/")) {
            if (root == null) {
                return "is absolute (hook data may only link inside itself, relatively)";
            }
            if (!target.equals(root) && !target.startsWith(root + "/")) {
                return "points out of the set " + root;
            }
            rest = target.substring(root.length());
        } else {
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                stack.addAll(List.of(path.substring(0, slash).split("/")));
            }
        }
        String[] segments = rest.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (stack.isEmpty()) {
                    return "points out of the set" + (root == null ? "" : " " + root);
                }
                stack.remove(stack.size() - 1);
                continue;
            }
            stack.add(s);
            boolean last = true;
            for (int j = i + 1; j < segments.length; j++) {
                if (!segments[j].isEmpty() && !segments[j].equals(".")) {
                    last = false;
                    break;
                }
            }
            if (!last && symlinks.contains(String.join("/", stack))) {
                return "passes through another symlink ('" + String.join("/", stack) + "'), so where it ends cannot"
                        + " be checked";
            }
        }
        return null;
    }

    private ApplianceException refused(String entry, String why) {
        return new ApplianceException(ExitCode.INVALID_INPUT, label + ": " + entry + " " + why);
    }

    public long entries() {
        return entries;
    }

    public long bytes() {
        return bytes;
    }

    /** Owner names the set's entries use. */
    public Set<String> users() {
        return users;
    }

    public Set<String> groups() {
        return groups;
    }

    /** No leading or trailing '/', no empty, '.' or '..' segment, no NUL. */
    public static boolean isCleanRelative(String p) {
        if (p.isEmpty() || p.startsWith("/") || p.endsWith("/") || p.indexOf('\0') >= 0) {
            return false;
        }
        for (String s : p.split("/", -1)) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** An absolute path other than '/', with no empty, '.' or '..' segment, no trailing '/', no NUL or newline. */
    public static boolean isCleanAbsolute(String p) {
        return p != null && p.length() > 1 && p.startsWith("/") && p.indexOf('\n') < 0
                && isCleanRelative(p.substring(1));
    }
}
