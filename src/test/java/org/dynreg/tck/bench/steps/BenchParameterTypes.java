package org.dynreg.tck.bench.steps;

import io.cucumber.java.ParameterType;
import org.dynreg.tck.platform.Bench;

/** The Gherkin words for the platform's bad replies. */
public class BenchParameterTypes {

    @ParameterType("a reply with another RequestID|a reply with RetCode \"1\"|a reply that is not JSON|a reply without a Password")
    public Bench.BadReply badReply(String words) {
        return java.util.Arrays.stream(Bench.BadReply.values()).filter(b -> b.words().equals(words)).findFirst().orElseThrow();
    }
}
