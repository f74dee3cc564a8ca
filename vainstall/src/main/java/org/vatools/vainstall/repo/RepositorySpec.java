package org.vatools.vainstall.repo;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * A repository as repo-tools publishes it: {@code URL/apt} (dists/SUITE/COMPONENT) and {@code URL/yum}.
 *
 * @param id a name for the files vainstall writes ({@code <id>.sources}, {@code <id>.repo}, the key)
 */
public record RepositorySpec(String id, String url, String suite, String component) {
    private static final String NAME = "[a-z0-9][a-z0-9._-]{0,62}";

    public RepositorySpec {
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Validates the options of add-repo; a missing id is derived from the URL. */
    public static RepositorySpec of(String url, String id, String suite, String component) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ApplianceException(ExitCode.USAGE, "'" + url + "' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
            throw new ApplianceException(ExitCode.USAGE, "'" + url + "': use an http://, https:// or file:// URL of the"
                    + " repository's root (the folder holding apt/ and yum/)");
        }
        if (url.chars().anyMatch(c -> c <= ' ') || (!scheme.equals("file") && uri.getHost() == null)) {
            throw new ApplianceException(ExitCode.USAGE, "'" + url + "' is not a usable repository URL");
        }
        String name = id != null ? id : defaultId(uri);
        if (!name.matches(NAME)) {
            throw new ApplianceException(ExitCode.USAGE, "--name '" + name + "': use lowercase letters, digits, '.',"
                    + " '_' and '-' (at most 63), starting with a letter or digit");
        }
        for (String[] v : new String[][] {{"--suite", suite}, {"--component", component}}) {
            if (!v[1].matches("[A-Za-z0-9][A-Za-z0-9._/-]*")) {
                throw new ApplianceException(ExitCode.USAGE, v[0] + " '" + v[1] + "' is not a valid name");
            }
        }
        return new RepositorySpec(name, url, suite, component);
    }

    static String defaultId(URI uri) {
        String base = (uri.getHost() == null ? "local" : uri.getHost()) + (uri.getPath() == null ? "" : uri.getPath());
        String id = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (id.length() > 50) {
            id = id.substring(0, 50).replaceAll("-+$", "");
        }
        return id.isEmpty() ? "appliances" : id;
    }

    public String aptUrl() {
        return url + "/apt";
    }

    public String yumUrl() {
        return url + "/yum";
    }
}
