package org.vatools.core.pgp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/**
 * The passphrase that protects a secret key, with where it came from (for messages). It comes
 * from an environment variable or from the first line of a file, never from the command line,
 * where other users could read it in the process list. {@link #none()} means "no passphrase".
 */
public final class Passphrase {
    private static final Passphrase NONE = new Passphrase(null, "no passphrase");
    private final char[] chars;
    private final String source;

    private Passphrase(char[] chars, String source) {
        this.chars = chars;
        this.source = source;
    }

    /** No passphrase: new keys are stored unprotected; protected keys cannot be loaded. */
    public static Passphrase none() {
        return NONE;
    }

    /**
     * A passphrase given by a program (tests, a prompt).
     *
     * @param source what to call it in messages, such as "the prompt"
     */
    public static Passphrase of(char[] chars, String source) {
        if (chars.length == 0) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, "the passphrase from " + source + " is empty");
        }
        return new Passphrase(chars.clone(), Objects.requireNonNull(source));
    }

    /**
     * The value of the environment variable {@code variable} in {@code env}.
     *
     * @throws ApplianceException ENVIRONMENT when it is not set, INVALID_INPUT when it is empty
     */
    public static Passphrase fromEnvironment(String variable, Map<String, String> env) {
        String value = env.get(variable);
        String source = "environment variable " + variable;
        if (value == null) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, "the passphrase " + source
                    + " is not set; export it before running the command");
        }
        if (value.isEmpty()) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, "the passphrase " + source + " is empty");
        }
        return new Passphrase(value.toCharArray(), source);
    }

    /**
     * The first line of {@code file} (UTF-8, without its line ending), as gpg's
     * {@code --passphrase-file} reads it.
     *
     * @throws ApplianceException NOT_FOUND, ENVIRONMENT (unreadable) or INVALID_INPUT (empty, not UTF-8)
     */
    public static Passphrase fromFile(Path file) {
        String source = "passphrase file " + file;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ApplianceException(ExitCode.NOT_FOUND, file + ": passphrase file not found", e);
        } catch (AccessDeniedException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, file + ": cannot read the passphrase file:"
                    + " permission denied", e);
        } catch (IOException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, file + ": cannot read the passphrase file: "
                    + e.getMessage(), e);
        }
        int end = 0;
        while (end < bytes.length && bytes[end] != '\n') {
            end++;
        }
        int len = end > 0 && bytes[end - 1] == '\r' ? end - 1 : end;
        char[] chars;
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, len));
            chars = Arrays.copyOfRange(cb.array(), cb.position(), cb.limit());
            Arrays.fill(cb.array(), '\0');
        } catch (CharacterCodingException e) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, file + ": the passphrase is not valid UTF-8", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        if (chars.length == 0) {
            throw new ApplianceException(ExitCode.INVALID_INPUT, file + ": the passphrase file is empty"
                    + " (its first line is the passphrase)");
        }
        return new Passphrase(chars, source);
    }

    public boolean isPresent() {
        return chars != null;
    }

    /** Where the passphrase came from, for messages: "environment variable X", "passphrase file F". */
    public String source() {
        return source;
    }

    /** The characters; never null for a present passphrase. Callers must not keep or change them. */
    char[] chars() {
        if (chars == null) {
            throw new IllegalStateException("no passphrase");
        }
        return chars;
    }

    /** Never prints the passphrase itself. */
    @Override
    public String toString() {
        return "Passphrase[" + source + "]";
    }
}
