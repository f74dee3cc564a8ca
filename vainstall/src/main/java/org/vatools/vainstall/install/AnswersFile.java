package org.vatools.vainstall.install;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.core.InvalidInputException;
import org.vatools.core.Problem;

/**
 * An {@code --answers} file (docs/reference/answers.md): UTF-8 text, one {@code QUESTION=VALUE} per
 * line, the same form as {@code --answer}. Blank lines and lines starting with '#' are skipped;
 * blanks around the question are ignored, the value is taken as written (up to the line end).
 * A question may appear once. Owners and types come from the appliance's seed and descriptor.
 */
public final class AnswersFile {
    private AnswersFile() {
    }

    public static List<GivenAnswer> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ApplianceException(ExitCode.NOT_FOUND, file + ": no such answers file (--answers)");
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, file + ": cannot read: " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Problem.inFile(file.toString(), "not valid UTF-8 text; save it as UTF-8"));
        }
        return parse(text, file.toString());
    }

    public static List<GivenAnswer> parse(String text, String source) {
        List<GivenAnswer> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || line.substring(0, eq).isBlank()) {
                problems.add(Problem.at(source, i + 1, "expected QUESTION=VALUE (for example"
                        + " dokuwiki/wiki/title=My Wiki)"));
                continue;
            }
            GivenAnswer a = GivenAnswer.parse(line, source + ":" + (i + 1));
            Integer first = seen.putIfAbsent(a.question(), i + 1);
            if (first != null) {
                problems.add(Problem.at(source, i + 1, "'" + a.question() + "' is answered again (first on line "
                        + first + ")"));
                continue;
            }
            out.add(a);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return out;
    }

    /** True when users other than the owner may read the file. */
    public static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
