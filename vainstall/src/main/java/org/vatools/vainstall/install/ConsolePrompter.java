package org.vatools.vainstall.install;

import java.io.Console;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;

/** Asks on the process's terminal; passwords are read without echo. */
public final class ConsolePrompter implements Prompter {
    private final Console console;

    public ConsolePrompter(Console console) {
        this.console = console;
    }

    @Override
    public String ask(String prompt) {
        String line = console.readLine("%s", prompt);
        if (line == null) {
            throw new ApplianceException(ExitCode.USAGE, "the terminal closed while asking a question");
        }
        return line;
    }

    @Override
    public char[] askSecret(String prompt) {
        char[] pw = console.readPassword("%s", prompt);
        if (pw == null) {
            throw new ApplianceException(ExitCode.USAGE, "the terminal closed while asking a question");
        }
        return pw;
    }

    @Override
    public void tell(String message) {
        console.printf("%s%n", message);
        console.flush();
    }
}
