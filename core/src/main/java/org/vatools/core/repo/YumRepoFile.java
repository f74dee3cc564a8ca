package org.vatools.core.repo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A dnf/yum {@code .repo} file for an appliance repository, with both signature checks on:
 * {@code gpgcheck=1} (every package's header signature) and {@code repo_gpgcheck=1}
 * ({@code repodata/repomd.xml.asc}). {@code repo-tools publish} puts one at the repository root
 * ({@link #published}); {@code vainstall add-repo} writes one to {@code /etc/yum.repos.d/<id>.repo}.
 *
 * <pre>{@code
 * # vat: appliances, added by vainstall add-repo
 * [vat]
 * name=vat appliances
 * baseurl=https://repo.example.org/vatools/yum
 * enabled=1
 * gpgcheck=1
 * repo_gpgcheck=1
 * gpgkey=file:///etc/pki/rpm-gpg/vat.asc
 * }</pre>
 *
 * @param id       the section name: letters, digits and {@code - _ . :}
 * @param name     the human-readable name
 * @param baseUrl  the URL of the repository's {@code yum/} folder
 * @param gpgKey   where dnf gets the armored public key(s) ({@code file://} or {@code https://});
 *                 rpm imports only armored keys, never the binary {@code archive-keyring.gpg}
 * @param comments comment lines written first, each after {@code # }
 */
public record YumRepoFile(String id, String name, String baseUrl, String gpgKey, List<String> comments) {
    /** The placeholder in the published file, to be replaced by the URL the repository is served at. */
    public static final String BASE_URL_PLACEHOLDER = "@BASEURL@";
    /** The file name {@code repo-tools publish} writes at the repository root. */
    public static final String PUBLISHED_FILE = "vatools.repo";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]+");

    public YumRepoFile {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("repository id '" + id + "' may only hold letters, digits, '-', '_',"
                    + " '.' and ':'");
        }
        for (String value : List.of(name, baseUrl, gpgKey)) {
            if (value.isEmpty() || value.contains("\n") || value.contains("\r")) {
                throw new IllegalArgumentException("a .repo value must be one non-empty line: '" + value + "'");
            }
        }
        comments = List.copyOf(comments);
        for (String c : comments) {
            if (c.contains("\n") || c.contains("\r")) {
                throw new IllegalArgumentException("a comment must be one line: '" + c + "'");
            }
        }
    }

    /**
     * The file for a repository served at {@code repositoryUrl} (the folder holding {@code yum/}
     * and {@code archive-keyring.asc}), with the key taken from the repository itself.
     */
    public static YumRepoFile forRepository(String id, String name, String repositoryUrl, List<String> comments) {
        String root = repositoryUrl.endsWith("/") ? repositoryUrl.substring(0, repositoryUrl.length() - 1)
                : repositoryUrl;
        return new YumRepoFile(id, name, root + "/yum", root + "/archive-keyring.asc", comments);
    }

    /** The file {@code repo-tools publish} writes as {@value #PUBLISHED_FILE}: the URL left as a placeholder. */
    public static YumRepoFile published() {
        return forRepository("vatools", "Virtual Appliance Tools appliances", BASE_URL_PLACEHOLDER, List.of(
                "dnf/yum repository of appliances, signed: packages (gpgcheck) and metadata (repo_gpgcheck).",
                "Replace " + BASE_URL_PLACEHOLDER + " with the URL this repository is served at (the folder",
                "holding archive-keyring.asc and yum/), e.g. with",
                "  sed 's|" + BASE_URL_PLACEHOLDER + "|https://repo.example.org/vatools|' vatools.repo"
                        + " > /etc/yum.repos.d/vatools.repo",
                "or let 'vainstall add-repo URL' write it. Check the key's fingerprint before trusting it."));
    }

    /** The file's text: comments, {@code [id]}, name, baseurl, enabled, gpgcheck, repo_gpgcheck, gpgkey. */
    public String text() {
        StringBuilder s = new StringBuilder();
        for (String c : comments) {
            s.append("# ").append(c).append('\n');
        }
        s.append('[').append(id).append("]\n")
                .append("name=").append(name).append('\n')
                .append("baseurl=").append(baseUrl).append('\n')
                .append("enabled=1\n")
                .append("gpgcheck=1\n")
                .append("repo_gpgcheck=1\n")
                .append("gpgkey=").append(gpgKey).append('\n');
        return s.toString();
    }

    /** {@link #text()} as UTF-8. */
    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }
}
