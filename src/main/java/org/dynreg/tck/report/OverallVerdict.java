package org.dynreg.tck.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The verdict of a run, as a type; {@link #text()} is how the console, {@code summary.*}, the Allure report
 * and the badge write it ("NOT CONFORMANT").
 */
public enum OverallVerdict {
    /** every MUST rule was checked over every MQTT version the fixture lists, and none failed */
    CONFORMANT("CONFORMANT"),
    /** a MUST rule failed (or, in strict mode, any rule) */
    NOT_CONFORMANT("NOT CONFORMANT"),
    /** a MUST check could not run, the broker went away, or the run could not start */
    INCOMPLETE("INCOMPLETE"),
    /** no failure, but only some MUST rules were selected (e.g. with a tag filter) */
    PARTIAL("PARTIAL");

    private final String text;

    OverallVerdict(String text) {
        this.text = text;
    }

    /** As written for people and in {@code summary.json}: "CONFORMANT", "NOT CONFORMANT", "INCOMPLETE", "PARTIAL". */
    public String text() {
        return text;
    }

    /** As the badge shows it: the text in lower case. */
    public String badgeText() {
        return text.toLowerCase(Locale.ROOT);
    }

    /** The verdict whose {@link #text()} is {@code text}; empty for any other text. */
    public static Optional<OverallVerdict> parse(String text) {
        return Arrays.stream(values()).filter(v -> v.text.equals(text)).findFirst();
    }

    @Override
    public String toString() {
        return text;
    }
}
