package org.dynreg.tck.steps;

import io.cucumber.java.ParameterType;
import java.nio.charset.StandardCharsets;
import org.dynreg.tck.kit.NearMiss;

/** The words the features use for passwords and malformed requests. */
public class ParameterTypes {

    /** A password a CONNECT can carry, by what it is (never by value). */
    public enum Credential {
        PRODUCT_SECRET("the product secret"),
        WRONG_SECRET("a wrong secret"),
        EMPTY_PASSWORD("an empty password"),
        NO_PASSWORD("no password"),
        OTHER_PRODUCT_SECRET("the other product's secret"),
        OWN_SECRET("its secret"),
        OTHER_DEVICE_SECRET("another device's secret");

        final String words;

        Credential(String words) {
            this.words = words;
        }
    }

    /** A near miss of a right secret: which secret, and which facet of {@link NearMiss}. */
    public record NearMissOf(boolean productSecret, NearMiss facet) {
        String words() {
            return (productSecret ? "the product secret " : "its secret ") + facet.words();
        }
    }

    /** A malformed password request. */
    public enum Malformed {
        NOT_JSON("a payload that is not JSON"),
        NO_REQUEST_ID("a request without RequestID"),
        HUGE("a 256 KiB payload");

        final String words;

        Malformed(String words) {
            this.words = words;
        }

        byte[] payload() {
            return switch (this) {
                case NOT_JSON -> "RequestID=1 (this is not JSON".getBytes(StandardCharsets.UTF_8);
                case NO_REQUEST_ID -> "{\"Request\": \"1\", \"Id\": 1}".getBytes(StandardCharsets.UTF_8);
                case HUGE -> "x".repeat(256 * 1024).getBytes(StandardCharsets.UTF_8);
            };
        }
    }

    @ParameterType("the product secret|a wrong secret|an empty password|no password|the other product's secret|its secret|another device's secret")
    public Credential credential(String words) {
        for (Credential c : Credential.values()) {
            if (c.words.equals(words)) {
                return c;
            }
        }
        throw new IllegalArgumentException(words);
    }

    @ParameterType("(the product secret|its secret) (with its first character changed|with its last character changed"
            + "|with the case of its letters changed|without its last character|with one character appended"
            + "|cut to its first half|with surrounding whitespace)")
    public NearMissOf nearMiss(String secret, String facet) {
        return new NearMissOf(secret.equals("the product secret"),
                NearMiss.byWords(facet).orElseThrow(() -> new IllegalArgumentException(facet)));
    }

    @ParameterType("a payload that is not JSON|a request without RequestID|a 256 KiB payload")
    public Malformed malformed(String words) {
        for (Malformed m : Malformed.values()) {
            if (m.words.equals(words)) {
                return m;
            }
        }
        throw new IllegalArgumentException(words);
    }
}
