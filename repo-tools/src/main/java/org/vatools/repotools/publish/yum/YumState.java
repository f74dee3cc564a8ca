package org.vatools.repotools.publish.yum;

import java.util.List;

/**
 * What the YUM publisher remembers between publishes (.vatools/state/yum/state): the published
 * packages with their repodata entries, the repodata generations still kept for clients that
 * fetched an older repomd.xml, and the package files that no index lists any more but that an
 * older generation still refers to.
 *
 * @param current     the repodata generation the state describes ({@code repodata.<id>}), {@code ""} when none
 * @param packages    the packages the current generation lists
 * @param generations every repodata generation on disk, the current one included
 * @param retired     files under {@code yum/} no longer listed, kept until their last generation goes
 * @param indexSigners fingerprints of the keys that signed the current repomd.xml.asc
 */
record YumState(String current, List<YumPackage> packages, List<Generation> generations, List<Retired> retired,
                List<String> indexSigners) {

    static final YumState EMPTY = new YumState("", List.of(), List.of(), List.of(), List.of());

    YumState {
        indexSigners = List.copyOf(indexSigners);
        packages = List.copyOf(packages);
        generations = List.copyOf(generations);
        retired = List.copyOf(retired);
    }

    /**
     * One published repodata folder {@code yum/repodata.<id>}.
     *
     * @param dir          its folder name under {@code yum/}
     * @param publishedAt  when it became current
     * @param supersededAt when a newer one replaced it, -1 while current
     * @param files        the data files its repomd.xml lists
     */
    record Generation(String dir, long publishedAt, long supersededAt, List<RepodataFile> files) {
        Generation {
            files = List.copyOf(files);
        }
    }

    /**
     * A file under {@code yum/} that the current index no longer lists.
     *
     * @param path           relative to {@code yum/}
     * @param lastGeneration the newest generation that lists it; the file goes when that generation goes
     */
    record Retired(String path, String lastGeneration) {
    }
}
