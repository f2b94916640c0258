package org.dynreg.tck.storm;

/** The timed steps of one device's registration; each has its latency histogram. */
public enum Step {
    CONNACK("CONNACK (authmode 2)", "from CONNECT to CONNACK of the pre-authentication"),
    SUBACK("SUBACK", "from SUBSCRIBE of password_reply to SUBACK"),
    REPLY("reply", "from the password request to its reply"),
    STATIC_LOGIN("static login", "from CONNECT with the issued secret (authmode 1) to CONNACK");

    private final String label;
    private final String meaning;

    Step(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    /** The tag of its histograms in the HdrHistogram log. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
