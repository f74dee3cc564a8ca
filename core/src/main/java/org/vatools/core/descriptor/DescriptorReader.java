package org.vatools.core.descriptor;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;
import org.vatools.core.seed.DebconfType;
import org.vatools.core.seed.SeedEntry;
import org.vatools.core.seed.SeedFile;
import org.vatools.core.seed.SeedParser;
import org.vatools.core.yaml.NodeReader;
import org.vatools.core.yaml.NodeReader.Located;
import org.vatools.core.yaml.YamlNode;
import org.vatools.core.yaml.YamlTreeReader;

/**
 * Reads and validates {@code appliance.yaml} (format {@value #FORMAT}, documented in
 * docs/reference/descriptor.md) together with its seed. Every problem is collected and
 * reported at once with file, line, column and YAML path; nothing half-valid escapes.
 */
public final class DescriptorReader {
    /** The descriptor format this version reads. */
    public static final int FORMAT = 1;
    public static final String FILE_NAME = "appliance.yaml";

    static final List<String> TOP_KEYS = List.of("format", "name", "version", "release", "epoch", "summary",
            "description", "maintainer", "license", "homepage", "depends", "recommends", "seed", "questions",
            "requires", "files", "scripts", "checks", "backup", "changelog");
    private static final List<String> QUESTION_KEYS = List.of("owner", "name", "type", "prompt", "required",
            "default", "choices", "also-answers", "secret");
    private static final List<String> FILE_KEYS = List.of("source", "target", "mode", "config", "families");
    private static final List<String> CHECK_KEYS = List.of("http", "status", "tcp", "timeout");
    private static final List<String> CHANGELOG_KEYS = List.of("version", "date", "changes");
    private static final List<String> FAMILY_KEYS = List.of("deb", "rpm");
    private static final List<String> REQUIRES_KEYS = List.of("architectures", "distributions", "memory", "disk");
    private static final List<String> SCRIPT_KEYS = List.of("configure", "remove", "purge");
    private static final List<String> BACKUP_KEYS = List.of("sysconfig", "appdata", "hooks");
    private static final List<String> HOOK_KEYS = List.of("pre-backup", "post-restore", "migrate");

    private static final Pattern MAINTAINER = Pattern.compile("[^<>]*[^<>\\s] <[^<>@\\s]+@[^<>\\s]+>");
    private static final Pattern DISTRIBUTION =
            Pattern.compile("([a-z][a-z0-9._-]*)(?:\\s*>=\\s*([0-9]+(?:\\.[0-9]+)*))?");
    private static final Pattern ARCH = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*(B|KiB|MiB|GiB|TiB|kB|KB|MB|GB|TB)");
    private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*(ms|s|m|h)");
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3,4}");
    private static final Pattern QUESTION_NAME = Pattern.compile("[^\\s/]+(/[^\\s/]+)+");
    private static final Pattern PASSWORD_LIKE = Pattern.compile("(?i).*(password|passwd|passphrase|secret).*");
    private static final Pattern ARTICLE = Pattern.compile("(?i)(a|an|the)\\s.*");
    private static final Set<String> DEB_DISTRIBUTIONS = Set.of("debian", "ubuntu", "devuan", "raspbian");
    private static final Set<String> RPM_DISTRIBUTIONS = Set.of("rhel", "centos", "rocky", "almalinux", "fedora",
            "ol", "opensuse", "sles", "amzn");

    private DescriptorReader() {
    }

    /**
     * Reads an appliance from its folder or its descriptor file, together with its seed. The
     * descriptor and the seed are checked together, so one report names every problem in both.
     *
     * @throws InvalidInputException with every problem found
     * @throws ApplianceException    NOT_FOUND when neither a folder with a descriptor nor a
     *                               descriptor file is there
     */
    public static Appliance read(Path folderOrFile) {
        Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve(FILE_NAME) : folderOrFile;
        if (!Files.isRegularFile(file)) {
            throw new ApplianceException(ExitCode.NOT_FOUND, folderOrFile + ": no " + FILE_NAME
                    + " here; pass an appliance folder or its descriptor file");
        }
        String text = readUtf8(file, file.toString());
        return parse(text, file);
    }

    /**
     * Reads the appliance's seed and checks it against the appliance's questions: no answer to a
     * secret question, the type and choices a question declares.
     *
     * @throws InvalidInputException with every problem found
     */
    public static SeedFile readSeed(Appliance appliance) {
        Path seedPath = appliance.seed();
        if (seedPath == null) {
            return new SeedFile("(none)", List.of());
        }
        List<Problem> problems = new ArrayList<>();
        SeedFile seed = checkedSeed(seedPath, appliance.questions(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return seed;
    }

    private static SeedFile checkedSeed(Path seedPath, List<Question> questions, List<Problem> problems) {
        String source = seedPath.toString();
        List<Problem> found = new ArrayList<>();
        String text;
        try {
            text = readUtf8(seedPath, source);
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
            return new SeedFile(source, List.of());
        }
        SeedFile seed = SeedParser.parse(text, source, found);
        for (SeedEntry e : seed.entries()) {
            Question q = questions.stream().filter(x -> x.answeredNames().contains(e.question())).findFirst()
                    .orElse(null);
            if (q != null && q.secret()) {
                found.add(new Problem(source, e.line(), 0, e.question(), "is a secret question in " + FILE_NAME
                        + "; its answer must be asked at install time, never published in the seed; remove the line"));
            } else if (q != null && e.type() != DebconfType.SEEN && e.type() != q.type()) {
                found.add(new Problem(source, e.line(), 0, e.question(), "the seed answers it as " + e.type().id()
                        + " but " + FILE_NAME + " declares it as " + q.type().id() + "; use the same type"));
            } else if (q != null && e.type() != DebconfType.SEEN && !q.choices().isEmpty()
                    && !choicesAccept(q, e.value())) {
                found.add(new Problem(source, e.line(), 0, e.question(), "'" + e.value() + "' is not one of the"
                        + " choices " + q.choices() + " declared in " + FILE_NAME));
            } else if (q == null && (e.type() == DebconfType.STRING || e.type() == DebconfType.TEXT)
                    && PASSWORD_LIKE.matcher(e.question().substring(e.question().lastIndexOf('/') + 1)).matches()) {
                found.add(new Problem(source, e.line(), 0, e.question(), "looks like a password; a published seed"
                        + " must not carry secrets. Declare it under 'questions' in " + FILE_NAME
                        + " (it is then asked at install time), or with 'secret: false' if the answer is not secret"));
            }
        }
        problems.addAll(found);
        return seed;
    }

    private static boolean choicesAccept(Question q, String value) {
        if (q.type() == DebconfType.MULTISELECT) {
            return value.isEmpty() || List.of(value.split(",\\s*")).stream().allMatch(q.choices()::contains);
        }
        return q.choices().contains(value);
    }

    static String readUtf8(Path file, String source) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Problem.inFile(source, "not valid UTF-8 text; save the file as UTF-8"));
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses descriptor text; {@code file} locates relative paths (the seed, files, scripts) and
     * names the source in messages. The seed is read and checked too.
     *
     * @throws InvalidInputException with every problem found
     */
    public static Appliance parse(String text, Path file) {
        String source = file.toString();
        List<Problem> yamlProblems = new ArrayList<>();
        YamlNode root = YamlTreeReader.read(text, source, yamlProblems);
        NodeReader r = new NodeReader(source, yamlProblems);
        Optional<YamlNode.Mapping> top = r.mapping(root, "");
        if (top.isEmpty()) {
            throw new InvalidInputException(r.problems());
        }
        return new Parse(r, top.get(), file.toAbsolutePath().normalize(), false).run();
    }

    /**
     * Parses the descriptor a package carries ({@link PackageLayout#descriptorPath}) with the same
     * validation, except that the files it names (seed, extra files, scripts, hooks) are not looked
     * up: they were built into the package and are not beside the descriptor any more. Such paths
     * are kept as written, relative and unresolved; the seed is always null (a package's seed is
     * {@link PackageLayout#seedPath}).
     *
     * @param source names the descriptor in messages, e.g. {@code dokuwiki-appliance_1.0-1_all.deb:/usr/share/...}
     */
    public static Appliance parsePackaged(String text, String source) {
        YamlNode root = YamlTreeReader.read(text, source);
        NodeReader r = new NodeReader(source);
        Optional<YamlNode.Mapping> top = r.mapping(root, "");
        if (top.isEmpty()) {
            throw new InvalidInputException(r.problems());
        }
        return new Parse(r, top.get(), Path.of(source), true).run();
    }

    /** One parse of one descriptor. */
    private static final class Parse {
        private final NodeReader r;
        private final YamlNode.Mapping top;
        private final Path file;
        private final Path dir;
        private final boolean packaged;

        Parse(NodeReader r, YamlNode.Mapping top, Path file, boolean packaged) {
            this.r = r;
            this.top = top;
            this.file = file;
            this.dir = file.getParent() == null ? Path.of("") : file.getParent();
            this.packaged = packaged;
        }

        Appliance run() {
            r.rejectUnknownKeys(top, "", TOP_KEYS);
            int format = format();
            if (format > FORMAT) {
                // A newer format may mean anything; do not pile guesses on top of this message.
                throw new InvalidInputException(r.problems());
            }
            String name = r.requiredString(top, "name", "").orElse("");
            Map<Family, List<String>> depends = families("depends", true, name);
            Map<Family, List<String>> recommends = families("recommends", false, name);
            Set<Family> families = depends.keySet();
            int before = r.problems().size();
            checkName(name, families);
            boolean nameValid = r.problems().size() == before;
            ApplianceVersion version = version(families);
            String summary = r.requiredString(top, "summary", "").orElse("");
            checkSummary(summary, name);
            String description = r.requiredString(top, "description", "").orElse("").strip();
            checkDescription(description, summary);
            String maintainer = r.requiredString(top, "maintainer", "").orElse("");
            if (!maintainer.isEmpty() && !MAINTAINER.matcher(maintainer).matches()) {
                r.problem(top.entries().get("maintainer"), "maintainer",
                        "expected 'Full Name <address@example.org>', found '" + maintainer + "'");
            }
            String license = r.requiredString(top, "license", "").orElse("");
            String homepage = r.requiredString(top, "homepage", "").orElse("");
            checkHomepage(homepage);
            for (Family f : recommends.keySet()) {
                if (!families.contains(f)) {
                    r.problemAtKey(top, "recommends", "recommends." + f.id(), "recommends for '" + f.id()
                            + "' but 'depends' has no '" + f.id() + "' list, so no " + f.id() + " package is built");
                }
            }
            Path seed = seed(nameValid ? name : "");
            List<Question> questions = questions();
            HostRequirements requires = requires(families);
            List<ExtraFile> files = files(families, name);
            Scripts scripts = scripts();
            List<Check> checks = checks();
            BackupSets backup = backup();
            List<ChangelogEntry> changelog = changelog(version, families);
            if (seed != null) {
                List<Problem> seedProblems = new ArrayList<>();
                checkedSeed(seed, questions, seedProblems);
                r.addAll(seedProblems);
            }
            if (!r.problems().isEmpty()) {
                throw new InvalidInputException(r.problems());
            }
            return new Appliance(format, name, version, summary, description, maintainer, license, homepage,
                    depends, recommends, seed, questions, requires, files, scripts, checks, backup, changelog, file);
        }

        private int format() {
            Optional<String> f = r.requiredString(top, "format", "");
            if (f.isEmpty()) {
                return FORMAT;
            }
            try {
                int v = Integer.parseInt(f.get());
                if (v < 1) {
                    r.problem(top.entries().get("format"), "format", "must be " + FORMAT);
                } else if (v > FORMAT) {
                    r.problem(top.entries().get("format"), "format", "format " + v
                            + " is newer than this tool understands (" + FORMAT + "); upgrade repo-tools");
                }
                return v;
            } catch (NumberFormatException e) {
                r.problem(top.entries().get("format"), "format", "expected a number (" + FORMAT + "), found '"
                        + f.get() + "'");
                return FORMAT;
            }
        }

        private void checkName(String name, Set<Family> families) {
            if (name.isEmpty()) {
                return;
            }
            YamlNode node = top.entries().get("name");
            if (name.equals(PackageLayout.VIRTUAL_PACKAGE)) {
                r.problem(node, "name", "'" + PackageLayout.VIRTUAL_PACKAGE
                        + "' is the virtual package every appliance provides; choose another name");
            }
            if (families.contains(Family.DEB) || families.isEmpty()) {
                PackagePolicy.debianName(name).ifPresent(m -> r.problem(node, "name", m));
            }
            if (families.contains(Family.RPM)) {
                PackagePolicy.rpmName(name).ifPresent(m -> r.problem(node, "name", m));
            }
        }

        private ApplianceVersion version(Set<Family> families) {
            String version = r.requiredString(top, "version", "").orElse("");
            String release = r.requiredString(top, "release", "").orElse("");
            int epoch = 0;
            Optional<String> e = r.optionalString(top, "epoch", "");
            if (e.isPresent()) {
                if (e.get().matches("[0-9]{1,9}")) {
                    epoch = Integer.parseInt(e.get());
                } else {
                    r.problem(top.entries().get("epoch"), "epoch", "expected a non-negative number, found '"
                            + e.get() + "'");
                }
            }
            YamlNode vNode = top.entries().get("version");
            YamlNode rNode = top.entries().get("release");
            if (!version.isEmpty()) {
                if (families.contains(Family.DEB)) {
                    PackagePolicy.debianUpstreamVersion(version).ifPresent(m -> r.problem(vNode, "version", m));
                }
                if (families.contains(Family.RPM)) {
                    PackagePolicy.rpmVersionPart(version, "version").ifPresent(m -> r.problem(vNode, "version", m));
                }
            }
            if (!release.isEmpty()) {
                if (families.contains(Family.DEB)) {
                    PackagePolicy.debianRevision(release).ifPresent(m -> r.problem(rNode, "release", m));
                }
                if (families.contains(Family.RPM)) {
                    PackagePolicy.rpmVersionPart(release, "release").ifPresent(m -> r.problem(rNode, "release", m));
                }
            }
            return new ApplianceVersion(epoch, version, release);
        }

        private void checkSummary(String summary, String name) {
            YamlNode node = top.entries().get("summary");
            if (ARTICLE.matcher(summary).matches()) {
                r.problem(node, "summary", "must not start with 'a', 'an' or 'the' (Debian Developer's Reference"
                        + " 6.2.2; lintian: description-synopsis-starts-with-article); write e.g. 'wiki served by"
                        + " Apache'");
            }
            if (summary.indexOf('\t') >= 0) {
                r.problem(node, "summary", "must not contain tabs");
            }
            if (summary.length() > 79) {
                r.problem(node, "summary", "is " + summary.length() + " characters; keep it under 80 (it is the"
                        + " one-line synopsis apt and dnf show)");
            }
            if (summary.contains("\n")) {
                r.problem(node, "summary", "must be a single line");
            }
            if (!name.isEmpty() && summary.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT))) {
                r.problem(node, "summary", "must not start with the package name; say what the appliance is");
            }
        }

        private void checkHomepage(String homepage) {
            if (homepage.isEmpty()) {
                return;
            }
            try {
                URI uri = new URI(homepage);
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new URISyntaxException(homepage, "not an http(s) URL with a host");
                }
            } catch (URISyntaxException ex) {
                r.problem(top.entries().get("homepage"), "homepage", "expected an http(s) URL, found '" + homepage
                        + "'");
            }
        }

        private void checkDescription(String description, String summary) {
            YamlNode node = top.entries().get("description");
            if (description.isEmpty()) {
                return;
            }
            if (description.equals(summary.strip())) {
                r.problem(node, "description", "repeats the summary; say more about what the appliance sets up");
            }
            String[] lines = description.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].indexOf('\t') >= 0) {
                    r.problem(node, "description", "line " + (i + 1) + " of the description contains a tab;"
                            + " use spaces");
                }
                if (lines[i].length() > 80) {
                    r.problem(node, "description", "line " + (i + 1) + " of the description is " + lines[i].length()
                            + " characters; wrap it at 80 (Debian Policy 3.4.1, as apt shows it)");
                }
            }
        }

        private Map<Family, List<String>> families(String key, boolean required, String name) {
            Map<Family, List<String>> out = new EnumMap<>(Family.class);
            YamlNode node = top.entries().get(key);
            if (node == null) {
                if (required) {
                    r.problemAtKey(top, key, key, "missing required key '" + key
                            + "' (a mapping with a 'deb' and/or an 'rpm' list; the families listed are built)");
                }
                return out;
            }
            Optional<YamlNode.Mapping> map = r.mapping(node, key);
            if (map.isEmpty()) {
                return out;
            }
            r.rejectUnknownKeys(map.get(), key, FAMILY_KEYS);
            for (Family f : Family.values()) {
                if (!map.get().entries().containsKey(f.id())) {
                    continue;
                }
                List<String> relations = new ArrayList<>();
                Map<String, String> seenNames = new HashMap<>();
                for (Located<String> dep : r.stringList(map.get(), f.id(), key)) {
                    Optional<String> bad = f == Family.DEB ? PackagePolicy.debianRelation(dep.value())
                            : PackagePolicy.rpmRelation(dep.value());
                    bad.ifPresent(m -> r.problem(dep.node(), dep.path(), m));
                    relations.add(dep.value().strip());
                    if (bad.isPresent()) {
                        continue;
                    }
                    for (String target : relationNames(dep.value(), f)) {
                        if (target.equals(PackageLayout.VIRTUAL_PACKAGE) || target.equals(name)) {
                            r.problem(dep.node(), dep.path(), "'" + target + "' cannot be a dependency: every"
                                    + " appliance provides and conflicts with '" + PackageLayout.VIRTUAL_PACKAGE
                                    + "', and a package does not depend on itself");
                        }
                    }
                    String whole = dep.value().strip().replaceAll("\\s+", " ");
                    String earlier = seenNames.putIfAbsent(whole, dep.path());
                    if (earlier != null) {
                        r.problem(dep.node(), dep.path(), "'" + whole + "' is listed twice (also " + earlier + ")");
                    }
                }
                out.put(f, relations);
            }
            if (required && out.isEmpty() && r.problems().stream().noneMatch(p -> p.path().startsWith(key))) {
                r.problem(node, key, "declares no family; add a 'deb' and/or an 'rpm' list");
            }
            return out;
        }

        /** The package names a relation refers to (every alternative; rich rpm dependencies are skipped). */
        private static List<String> relationNames(String relation, Family family) {
            List<String> names = new ArrayList<>();
            if (family == Family.DEB) {
                for (String alternative : relation.split("\\|")) {
                    names.add(alternative.strip().split("[\\s(:]", 2)[0]);
                }
            } else if (!relation.strip().startsWith("(")) {
                names.add(relation.strip().split("\\s", 2)[0]);
            }
            return names;
        }

        private Path seed(String name) {
            Optional<String> seed = r.optionalString(top, "seed", "");
            if (packaged) {
                return null;
            }
            if (seed.isPresent()) {
                if (seed.get().equals("none")) {
                    return null;
                }
                return existingFile(seed.get(), top.entries().get("seed"), "seed");
            }
            if (name.isEmpty()) {
                return null;
            }
            // Default: seeds/<name>.seed in the descriptor's folder or the nearest ancestor that has one.
            String relative = "seeds/" + name + ".seed";
            for (Path d = dir; d != null; d = d.getParent()) {
                Path candidate = d.resolve(relative);
                if (Files.isRegularFile(candidate)) {
                    return candidate.normalize();
                }
            }
            r.problemAtKey(top, "name", "seed", "no seed found: looked for " + relative + " in " + dir
                    + " and its parent folders; create it, set 'seed: PATH', or 'seed: none'");
            return null;
        }

        /** A script's text; a file that is not UTF-8 is one more problem, not the end of the report. */
        private String textOf(Path p) {
            try {
                return readUtf8(p, p.toString());
            } catch (InvalidInputException e) {
                r.addAll(e.problems());
                return "";
            }
        }

        private Path existingFile(String relative, YamlNode node, String path) {
            if (packaged) {
                return Path.of(relative);
            }
            Path p = dir.resolve(relative).normalize();
            if (Files.isDirectory(p)) {
                r.problem(node, path, "'" + relative + "' is a folder (" + p + "); name a file");
                return null;
            }
            if (!Files.isRegularFile(p)) {
                r.problem(node, path, "file '" + relative + "' does not exist (resolved to " + p + "); paths are"
                        + " relative to the folder of " + FILE_NAME);
                return null;
            }
            return p;
        }

        private List<Question> questions() {
            List<Question> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Located<YamlNode.Mapping> item : r.mappingList(top, "questions", "", QUESTION_KEYS)) {
                YamlNode.Mapping m = item.value();
                String p = item.path();
                String owner = r.requiredString(m, "owner", p).orElse("");
                String name = r.requiredString(m, "name", p).orElse("");
                String typeId = r.requiredString(m, "type", p).orElse("");
                String prompt = r.requiredString(m, "prompt", p).orElse("");
                boolean required = r.optionalBoolean(m, "required", p).orElse(true);
                Optional<Boolean> secretFlag = r.optionalBoolean(m, "secret", p);
                String defaultValue = r.optionalString(m, "default", p).orElse(null);
                List<String> choices = r.stringList(m, "choices", p).stream().map(Located::value).toList();
                List<String> also = new ArrayList<>();
                for (Located<String> a : r.stringList(m, "also-answers", p)) {
                    if (!QUESTION_NAME.matcher(a.value()).matches()) {
                        r.problem(a.node(), a.path(), "'" + a.value() + "' is not a debconf question name");
                    } else if (!seen.add(a.value())) {
                        r.problem(a.node(), a.path(), "question '" + a.value() + "' is answered twice");
                    }
                    also.add(a.value());
                }
                if (!name.isEmpty() && !QUESTION_NAME.matcher(name).matches()) {
                    r.problem(m.entries().get("name"), p + ".name", "'" + name
                            + "' is not a debconf question name (expected owner/name, e.g. dokuwiki/system/password)");
                }
                if (!name.isEmpty() && !seen.add(name)) {
                    r.problem(m.entries().get("name"), p + ".name", "question '" + name + "' is listed twice");
                }
                DebconfType type = null;
                if (!typeId.isEmpty()) {
                    type = DebconfType.fromId(typeId).orElse(null);
                    if (type == null || !type.isAnswerable()) {
                        r.problem(m.entries().get("type"), p + ".type", "unknown or unanswerable debconf type '"
                                + typeId + "'; use string, password, boolean, select or multiselect");
                        type = null;
                    }
                }
                if (!owner.isEmpty() && !owner.matches("\\S+")) {
                    r.problem(m.entries().get("owner"), p + ".owner", "'" + owner
                            + "' is not a debconf owner (a package name, without blanks)");
                }
                if (type == DebconfType.PASSWORD && secretFlag.isPresent() && !secretFlag.get()) {
                    r.problem(m.entries().get("secret"), p + ".secret", "a password question is always secret;"
                            + " remove 'secret: false'");
                }
                boolean secret = type == DebconfType.PASSWORD || secretFlag.orElse(false);
                if (secret && defaultValue != null) {
                    r.problem(m.entries().get("default"), p + ".default",
                            "a secret question must not have a default (it would be published)");
                }
                if (!choices.isEmpty() && type != null && type != DebconfType.SELECT
                        && type != DebconfType.MULTISELECT) {
                    r.problemAtKey(m, "choices", p + ".choices", "'choices' applies to select and multiselect"
                            + " questions only");
                }
                if (type == DebconfType.MULTISELECT && defaultValue != null && !choices.isEmpty()) {
                    for (String d : defaultValue.split(",\\s*")) {
                        if (!d.isEmpty() && !choices.contains(d)) {
                            r.problem(m.entries().get("default"), p + ".default", "'" + d
                                    + "' is not one of the choices " + choices);
                        }
                    }
                }
                if ((type == DebconfType.SELECT || type == DebconfType.MULTISELECT) && choices.isEmpty()) {
                    r.problem(m, p + ".choices", "a " + typeId + " question needs a 'choices' list");
                }
                if (type == DebconfType.SELECT && defaultValue != null && !choices.isEmpty()
                        && !choices.contains(defaultValue)) {
                    r.problem(m.entries().get("default"), p + ".default", "'" + defaultValue
                            + "' is not one of the choices " + choices);
                }
                if (type == DebconfType.BOOLEAN && defaultValue != null
                        && !defaultValue.equals("true") && !defaultValue.equals("false")) {
                    r.problem(m.entries().get("default"), p + ".default", "a boolean default must be true or false");
                }
                if (type != null && !owner.isEmpty() && !name.isEmpty() && !prompt.isEmpty()) {
                    out.add(new Question(owner, name, type, prompt, required, defaultValue, choices, also, secret));
                }
            }
            return out;
        }

        private HostRequirements requires(Set<Family> families) {
            YamlNode node = top.entries().get("requires");
            if (node == null) {
                return HostRequirements.none();
            }
            Optional<YamlNode.Mapping> map = r.mapping(node, "requires");
            if (map.isEmpty()) {
                return HostRequirements.none();
            }
            YamlNode.Mapping m = map.get();
            r.rejectUnknownKeys(m, "requires", REQUIRES_KEYS);
            List<String> archs = new ArrayList<>();
            for (Located<String> a : r.stringList(m, "architectures", "requires")) {
                if (!ARCH.matcher(a.value()).matches() || a.value().equals("all") || a.value().equals("any")) {
                    r.problem(a.node(), a.path(), "'" + a.value()
                            + "' is not a Debian architecture name (amd64, arm64, armhf, i386, ppc64el, s390x...)");
                } else if (archs.contains(a.value())) {
                    r.problem(a.node(), a.path(), "'" + a.value() + "' is listed twice");
                } else {
                    archs.add(a.value());
                }
            }
            List<DistributionRequirement> dists = new ArrayList<>();
            for (Located<String> d : r.stringList(m, "distributions", "requires")) {
                Matcher dm = DISTRIBUTION.matcher(d.value().strip());
                if (!dm.matches()) {
                    r.problem(d.node(), d.path(), "expected 'id' or 'id>=release' as in os-release"
                            + " (debian>=12, ubuntu>=22.04, rhel>=9), found '" + d.value() + "'");
                    continue;
                }
                String id = dm.group(1);
                if (dists.stream().anyMatch(x -> x.id().equals(id))) {
                    r.problem(d.node(), d.path(), "'" + id + "' is listed twice");
                    continue;
                }
                if (DEB_DISTRIBUTIONS.contains(id) && !families.contains(Family.DEB)) {
                    r.problem(d.node(), d.path(), "'" + id + "' installs .deb packages but 'depends' has no 'deb' list");
                }
                if (RPM_DISTRIBUTIONS.contains(id) && !families.contains(Family.RPM)) {
                    r.problem(d.node(), d.path(), "'" + id + "' installs .rpm packages but 'depends' has no 'rpm' list");
                }
                dists.add(new DistributionRequirement(id, dm.group(2)));
            }
            long memory = r.optionalString(m, "memory", "requires")
                    .map(v -> size(v, m.entries().get("memory"), "requires.memory")).orElse(0L);
            long disk = r.optionalString(m, "disk", "requires")
                    .map(v -> size(v, m.entries().get("disk"), "requires.disk")).orElse(0L);
            return new HostRequirements(archs, dists, memory, disk);
        }

        private long size(String value, YamlNode node, String path) {
            Matcher sm = SIZE.matcher(value.strip());
            if (!sm.matches() || sm.group(1).length() > 15) {
                r.problem(node, path, "expected a whole number with a unit (B, KiB, MiB, GiB, TiB, kB, MB, GB, TB)"
                        + " such as 512MiB or 2GiB, found '" + value + "'");
                return 0;
            }
            long n = Long.parseLong(sm.group(1));
            String unit = sm.group(2) == null ? "B" : sm.group(2);
            long factor = switch (unit) {
                case "KiB" -> 1L << 10;
                case "MiB" -> 1L << 20;
                case "GiB" -> 1L << 30;
                case "TiB" -> 1L << 40;
                case "kB", "KB" -> 1_000L;
                case "MB" -> 1_000_000L;
                case "GB" -> 1_000_000_000L;
                case "TB" -> 1_000_000_000_000L;
                default -> 1L;
            };
            try {
                return Math.multiplyExact(n, factor);
            } catch (ArithmeticException e) {
                r.problem(node, path, "'" + value + "' is too large");
                return 0;
            }
        }

        private List<ExtraFile> files(Set<Family> families, String name) {
            List<ExtraFile> out = new ArrayList<>();
            Set<String> targets = new HashSet<>();
            for (Located<YamlNode.Mapping> item : r.mappingList(top, "files", "", FILE_KEYS)) {
                YamlNode.Mapping m = item.value();
                String p = item.path();
                Path source = r.requiredString(m, "source", p)
                        .map(s -> existingFile(s, m.entries().get("source"), p + ".source")).orElse(null);
                String target = r.requiredString(m, "target", p).orElse("");
                YamlNode targetNode = m.entries().get("target");
                if (!target.isEmpty()) {
                    checkTarget(target, targetNode, p + ".target", name);
                    if (!targets.add(target)) {
                        r.problem(targetNode, p + ".target", "'" + target + "' is installed by two entries");
                    }
                }
                int mode = 0644;
                Optional<String> modeText = r.optionalString(m, "mode", p);
                if (modeText.isPresent()) {
                    if (MODE.matcher(modeText.get()).matches()) {
                        mode = Integer.parseInt(modeText.get(), 8);
                    } else {
                        r.problem(m.entries().get("mode"), p + ".mode", "expected an octal mode in quotes such as"
                                + " \"0644\" or \"0755\", found '" + modeText.get() + "'");
                    }
                    if ((mode & 07000) != 0) {
                        r.problem(m.entries().get("mode"), p + ".mode", "setuid, setgid and sticky bits are refused");
                    }
                }
                boolean underEtc = target.startsWith("/etc/");
                boolean config = r.optionalBoolean(m, "config", p).orElse(underEtc);
                if (config && !underEtc && !target.isEmpty()) {
                    r.problem(m.entries().get("config"), p + ".config",
                            "only files under /etc can be configuration files (Debian Policy 10.7)");
                }
                if (!config && underEtc) {
                    r.problem(m.entries().get("config"), p + ".config",
                            "files under /etc must be configuration files so local changes survive upgrades");
                }
                Set<Family> fileFamilies = EnumSet.noneOf(Family.class);
                List<Located<String>> fams = r.stringList(m, "families", p);
                for (Located<String> f : fams) {
                    Optional<Family> fam = Family.fromId(f.value());
                    if (fam.isEmpty()) {
                        r.problem(f.node(), f.path(), "unknown family '" + f.value() + "'; use deb or rpm");
                    } else if (!families.contains(fam.get())) {
                        r.problem(f.node(), f.path(), "family '" + f.value() + "' is not built ('depends' has no '"
                                + f.value() + "' list)");
                    } else {
                        fileFamilies.add(fam.get());
                    }
                }
                if (fams.isEmpty()) {
                    fileFamilies.addAll(families);
                }
                if (source != null && !target.isEmpty()) {
                    out.add(new ExtraFile(source, target, mode, config, fileFamilies));
                }
            }
            return out;
        }

        private void checkTarget(String target, YamlNode node, String path, String name) {
            if (!target.startsWith("/") || target.endsWith("/") || target.contains("//")
                    || target.matches(".*(^|/)\\.\\.?(/|$).*")) {
                r.problem(node, path, "expected an absolute file path without '.', '..' or a trailing '/', found '"
                        + target + "'");
                return;
            }
            for (String reserved : List.of(PackageLayout.SHARE_ROOT + "/" + name + "/",
                    PackageLayout.LIBEXEC_ROOT + "/" + name + "/", "/usr/share/doc/" + name + "/")) {
                if (target.startsWith(reserved)) {
                    r.problem(node, path, "'" + reserved + "' is written by the package builder; choose another path");
                }
            }
            if (target.matches("[ -~]*") && !target.contains(" ")) {
                return;
            }
            r.problem(node, path, "use printable ASCII without spaces in target paths");
        }

        private Scripts scripts() {
            YamlNode node = top.entries().get("scripts");
            if (node == null) {
                return Scripts.none();
            }
            Optional<YamlNode.Mapping> map = r.mapping(node, "scripts");
            if (map.isEmpty()) {
                return Scripts.none();
            }
            YamlNode.Mapping m = map.get();
            r.rejectUnknownKeys(m, "scripts", SCRIPT_KEYS);
            return new Scripts(script(m, "configure", "scripts"), script(m, "remove", "scripts"),
                    script(m, "purge", "scripts"));
        }

        private Path script(YamlNode.Mapping m, String key, String parent) {
            return r.optionalString(m, key, parent).map(s -> {
                Path p = existingFile(s, m.entries().get(key), parent + "." + key);
                if (p != null && !packaged) {
                    String text = textOf(p);
                    if (text.startsWith("#!") && !text.startsWith("#!/bin/sh")) {
                        r.problem(m.entries().get(key), parent + "." + key, "'" + s + "' starts with "
                                + text.lines().findFirst().orElse("") + "; maintainer steps are embedded in"
                                + " /bin/sh scripts, so write POSIX sh (#!/bin/sh)");
                    }
                }
                return p;
            }).orElse(null);
        }

        private List<Check> checks() {
            List<Check> out = new ArrayList<>();
            for (Located<YamlNode.Mapping> item : r.mappingList(top, "checks", "", CHECK_KEYS)) {
                YamlNode.Mapping m = item.value();
                String p = item.path();
                Duration timeout = r.optionalString(m, "timeout", p)
                        .map(t -> duration(t, m.entries().get("timeout"), p + ".timeout"))
                        .orElse(Duration.ofSeconds(30));
                Optional<String> http = r.optionalString(m, "http", p);
                Optional<String> tcp = r.optionalString(m, "tcp", p);
                if (http.isPresent() == tcp.isPresent()) {
                    r.problem(m, p, "a check has exactly one of 'http: URL' or 'tcp: [HOST:]PORT'");
                    continue;
                }
                if (http.isPresent()) {
                    int status = 200;
                    Optional<String> st = r.optionalString(m, "status", p);
                    if (st.isPresent()) {
                        if (st.get().matches("[1-5][0-9][0-9]")) {
                            status = Integer.parseInt(st.get());
                        } else {
                            r.problem(m.entries().get("status"), p + ".status", "expected an HTTP status such as 200");
                        }
                    }
                    try {
                        URI uri = new URI(http.get());
                        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                            throw new URISyntaxException(http.get(), "not http(s)");
                        }
                        out.add(new Check.Http(uri, status, timeout));
                    } catch (URISyntaxException e) {
                        r.problem(m.entries().get("http"), p + ".http", "expected an http(s) URL with a host, found '"
                                + http.get() + "'");
                    }
                } else {
                    if (m.entries().containsKey("status")) {
                        r.problemAtKey(m, "status", p + ".status", "'status' applies to http checks only");
                    }
                    String t = tcp.get();
                    int colon = t.lastIndexOf(':');
                    String host = colon < 0 ? "127.0.0.1" : t.substring(0, colon);
                    String port = colon < 0 ? t : t.substring(colon + 1);
                    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535
                            || host.isEmpty()) {
                        r.problem(m.entries().get("tcp"), p + ".tcp", "expected PORT or HOST:PORT, found '" + t + "'");
                    } else {
                        out.add(new Check.Tcp(host, Integer.parseInt(port), timeout));
                    }
                }
            }
            return out;
        }

        private Duration duration(String value, YamlNode node, String path) {
            Matcher dm = DURATION.matcher(value.strip());
            if (!dm.matches() || dm.group(1).length() > 9) {
                r.problem(node, path, "expected a duration such as 30s, 2m or 500ms, found '" + value + "'");
                return Duration.ofSeconds(30);
            }
            long n = Long.parseLong(dm.group(1));
            Duration d = switch (dm.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
            if (d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
                r.problem(node, path, "must be more than 0 and at most 1h, found '" + value + "'");
                return Duration.ofSeconds(30);
            }
            return d;
        }

        private BackupSets backup() {
            YamlNode node = top.entries().get("backup");
            if (node == null) {
                return BackupSets.none();
            }
            Optional<YamlNode.Mapping> map = r.mapping(node, "backup");
            if (map.isEmpty()) {
                return BackupSets.none();
            }
            YamlNode.Mapping m = map.get();
            r.rejectUnknownKeys(m, "backup", BACKUP_KEYS);
            List<String> sysconfig = backupDirs(m, "sysconfig");
            List<String> appdata = backupDirs(m, "appdata");
            Path pre = null;
            Path post = null;
            Path migrate = null;
            YamlNode hooksNode = m.entries().get("hooks");
            if (hooksNode != null) {
                Optional<YamlNode.Mapping> hooks = r.mapping(hooksNode, "backup.hooks");
                if (hooks.isPresent()) {
                    r.rejectUnknownKeys(hooks.get(), "backup.hooks", HOOK_KEYS);
                    pre = hook(hooks.get(), "pre-backup");
                    post = hook(hooks.get(), "post-restore");
                    migrate = hook(hooks.get(), "migrate");
                }
            }
            if (sysconfig.isEmpty() && appdata.isEmpty() && pre != null) {
                r.problem(m, "backup", "a pre-backup hook needs an 'appdata' or 'sysconfig' set to back up into");
            }
            return new BackupSets(sysconfig, appdata, pre, post, migrate);
        }

        private Path hook(YamlNode.Mapping hooks, String key) {
            return r.optionalString(hooks, key, "backup.hooks").map(s -> {
                Path p = existingFile(s, hooks.entries().get(key), "backup.hooks." + key);
                if (p != null && !packaged && !textOf(p).startsWith("#!")) {
                    r.problem(hooks.entries().get(key), "backup.hooks." + key, "'" + s + "' has no '#!' line;"
                            + " hooks are installed as programs and run on their own, so start it with #!/bin/sh");
                }
                return p;
            }).orElse(null);
        }

        private List<String> backupDirs(YamlNode.Mapping m, String key) {
            List<String> out = new ArrayList<>();
            for (Located<String> d : r.stringList(m, key, "backup")) {
                String v = d.value();
                if (!v.startsWith("/") || v.matches(".*(^|/)\\.\\.?(/|$).*") || v.equals("/")) {
                    r.problem(d.node(), d.path(), "expected an absolute folder other than '/', without '.' or '..',"
                            + " found '" + v + "'");
                    continue;
                }
                String norm = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
                for (String other : out) {
                    if (norm.startsWith(other + "/") || other.startsWith(norm + "/") || other.equals(norm)) {
                        r.problem(d.node(), d.path(), "'" + norm + "' overlaps '" + other + "' in the same set");
                    }
                }
                out.add(norm);
            }
            return out;
        }

        private List<ChangelogEntry> changelog(ApplianceVersion version, Set<Family> families) {
            List<ChangelogEntry> out = new ArrayList<>();
            List<YamlNode> nodes = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            boolean rpmOnly = families.contains(Family.RPM) && !families.contains(Family.DEB);
            for (Located<YamlNode.Mapping> item : r.mappingList(top, "changelog", "", CHANGELOG_KEYS)) {
                YamlNode.Mapping m = item.value();
                String p = item.path();
                String v = r.requiredString(m, "version", p).orElse("");
                boolean versionOk = !v.isEmpty();
                if (versionOk) {
                    Optional<String> bad = rpmOnly ? PackagePolicy.rpmEvr(v) : PackagePolicy.debianFullVersion(v);
                    bad.ifPresent(msg -> r.problem(m.entries().get("version"), p + ".version", msg));
                    versionOk = bad.isEmpty();
                }
                Instant date = r.requiredString(m, "date", p).map(d -> date(d, m.entries().get("date"), p + ".date"))
                        .orElse(null);
                List<String> changes = r.stringList(m, "changes", p).stream().map(Located::value).toList();
                if (changes.isEmpty() && !(m.entries().get("changes") instanceof YamlNode.Sequence seq
                        && !seq.items().isEmpty())) {
                    r.problemAtKey(m, "changes", p + ".changes", "list at least one change");
                }
                if (date != null && versionOk) {
                    out.add(new ChangelogEntry(v, date, changes));
                    nodes.add(m.entries().get("version"));
                    paths.add(p);
                }
            }
            if (!out.isEmpty() && !version.version().isEmpty() && !version.release().isEmpty()
                    && !out.get(0).version().equals(version.debian())) {
                r.problem(nodes.get(0), paths.get(0) + ".version", "the newest entry is '"
                        + out.get(0).version() + "' but the appliance is version '" + version.debian()
                        + "'; add an entry for " + version.debian() + " at the top (newest first)");
            }
            for (int i = 1; i < out.size(); i++) {
                ChangelogEntry newer = out.get(i - 1);
                ChangelogEntry older = out.get(i);
                int order = rpmOnly ? PackagePolicy.compareRpmVersions(newer.version(), older.version())
                        : PackagePolicy.compareDebianVersions(newer.version(), older.version());
                if (order == 0) {
                    r.problem(nodes.get(i), paths.get(i) + ".version", "version '" + older.version()
                            + "' has two entries; each release gets one");
                } else if (order < 0) {
                    r.problem(nodes.get(i), paths.get(i) + ".version", "'" + older.version() + "' is newer than '"
                            + newer.version() + "' above it; entries must be newest first");
                }
                if (older.date().isAfter(newer.date())) {
                    r.problem(nodes.get(i), paths.get(i) + ".date", "is later than the entry above it; entries"
                            + " must be newest first");
                }
            }
            return out;
        }

        private Instant date(String value, YamlNode node, String path) {
            try {
                if (value.length() == 10) {
                    return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                r.problem(node, path, "expected a date (2026-11-01) or an RFC 3339 time (2026-11-01T10:00:00Z),"
                        + " found '" + value + "'");
                return null;
            }
        }
    }
}
