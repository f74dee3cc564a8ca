package org.vatools.vainstall.pm;

import java.util.Map;
import java.util.Set;

/** Reads named files out of a package file that lies on the target. */
public interface PackageFiles {
    /**
     * @param packagePath the .deb or .rpm on the target
     * @param paths       absolute paths inside the package
     * @return the files found (paths missing from the package are absent from the map)
     */
    Map<String, byte[]> extract(String packagePath, Set<String> paths);
}
