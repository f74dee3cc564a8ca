package org.vatools.core.pkg;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which files a reader should extract from a package's payload, chosen once the package's name is
 * known (the control paragraph or rpm header comes before the payload). Paths are absolute as the
 * package installs them: {@code /usr/share/virtual-appliance/NAME/NAME.seed}. An appliance's seed
 * and descriptor are wanted like this:
 * <pre>{@code
 * WantedFiles appliance = name -> Set.of(
 *         "/usr/share/virtual-appliance/" + name + "/" + name + ".seed",
 *         "/usr/share/virtual-appliance/" + name + "/appliance.yaml");
 * }</pre>
 */
@FunctionalInterface
public interface WantedFiles {

    /** The absolute paths to extract from the package called {@code packageName}; may be empty. */
    Set<String> paths(String packageName);

    /** Extracts nothing: the payload is not decompressed unless data files are listed. */
    static WantedFiles none() {
        return name -> Set.of();
    }

    /** The same paths whatever the package's name. */
    static WantedFiles of(String... paths) {
        Set<String> set = new LinkedHashSet<>();
        for (String p : paths) {
            set.add(normalize(p));
        }
        Set<String> copy = Set.copyOf(set);
        return name -> copy;
    }

    /**
     * The form readers compare paths in: absolute, no {@code ./} prefix, no trailing slash
     * ({@code ./usr/bin/} becomes {@code /usr/bin}, {@code ./} becomes {@code /}).
     */
    static String normalize(String path) {
        String p = path;
        if (p.startsWith("./")) {
            p = p.substring(1);
        } else if (p.equals(".")) {
            p = "/";
        } else if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
