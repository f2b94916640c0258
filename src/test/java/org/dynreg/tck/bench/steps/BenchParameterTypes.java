package org.dynreg.tck.bench.steps;

import io.cucumber.java.ParameterType;
import org.dynreg.tck.platform.Bench;

/** The Gherkin words for the platform's bad replies. */
public class BenchParameterTypes {

    @ParameterType("a reply with another RequestID|a reply with RetCode \"1\"|a reply that is not JSON|a reply without a Password")
    public Bench.BadReply badReply(String words) {
        return switch (words) {
            case "a reply with another RequestID" -> Bench.BadReply.OTHER_REQUEST_ID;
            case "a reply with RetCode \"1\"" -> Bench.BadReply.NON_ZERO_RET_CODE;
            case "a reply that is not JSON" -> Bench.BadReply.NOT_JSON;
            default -> Bench.BadReply.NO_PASSWORD;
        };
    }
}
