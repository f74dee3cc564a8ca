package org.vatools.vainstall.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.vatools.vainstall.install.Prompter;

/** Answers prompts from a script, in order, and records what was asked. */
public final class ScriptedPrompter implements Prompter {
    private final Deque<String> answers;
    public final List<String> asked = new ArrayList<>();
    public final List<String> secretAsked = new ArrayList<>();
    public final List<String> told = new ArrayList<>();

    public ScriptedPrompter(String... answers) {
        this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public String ask(String prompt) {
        asked.add(prompt);
        return answers.pop();
    }

    @Override
    public char[] askSecret(String prompt) {
        secretAsked.add(prompt);
        return answers.pop().toCharArray();
    }

    @Override
    public void tell(String message) {
        told.add(message);
    }
}
