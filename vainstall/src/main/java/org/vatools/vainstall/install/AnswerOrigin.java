package org.vatools.vainstall.install;

/** Where an answer came from, lowest precedence first. */
public enum AnswerOrigin {
    SEED("seed"), DEFAULT("default"), ANSWERS_FILE("--answers"), COMMAND_LINE("--answer"),
    PROMPT("asked"), SAME_AS("same answer as");

    private final String label;

    AnswerOrigin(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
