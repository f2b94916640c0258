package org.dynreg.tck.mqtt;

import java.util.List;
import java.util.stream.Collectors;

/** What the broker answered to one packet, version-neutral and printable as evidence. */
public final class Outcomes {

    private Outcomes() {
    }

    public enum Kind {
        /** a success code (CONNACK 0, SUBACK granted, PUBACK success), or a QoS 0 publish written */
        SUCCESS,
        /** a failure code */
        FAILURE_CODE,
        /** the broker closed the connection instead of answering */
        CLOSED,
        /** no answer within the kit's acknowledgement timeout */
        NO_ANSWER
    }

    /** A return or reason code with its name, e.g. {@code 0x87 NOT_AUTHORIZED}. */
    public record Code(int value, String name) {
        @Override
        public String toString() {
            return String.format("0x%02X %s", value, name);
        }
    }

    public record Connect(Kind kind, Code code, String detail) {
        public boolean accepted() {
            return kind == Kind.SUCCESS;
        }

        /**
         * "Refused" per RULES.md: a failing CONNACK, or closed before a successful CONNACK. No answer
         * at all is neither accepted nor refused.
         */
        public boolean refused() {
            return kind == Kind.FAILURE_CODE || kind == Kind.CLOSED;
        }

        @Override
        public String toString() {
            return switch (kind) {
                case SUCCESS, FAILURE_CODE -> "CONNACK " + code;
                case CLOSED -> "connection closed before any CONNACK" + (detail.isEmpty() ? "" : " (" + detail + ")");
                case NO_ANSWER -> "no CONNACK within " + detail;
            };
        }
    }

    public record Subscribe(Kind kind, List<Code> codes, String detail) {
        public boolean granted() {
            return kind == Kind.SUCCESS;
        }

        /** The QoS the broker granted; -1 unless granted. */
        public int grantedQos() {
            return granted() ? codes.get(0).value() : -1;
        }

        @Override
        public String toString() {
            return switch (kind) {
                case SUCCESS, FAILURE_CODE -> "SUBACK " + codes.stream().map(Code::toString).collect(Collectors.joining(", "));
                case CLOSED -> "connection closed instead of a SUBACK" + (detail.isEmpty() ? "" : " (" + detail + ")");
                case NO_ANSWER -> "no SUBACK within " + detail;
            };
        }
    }

    public record Publish(Kind kind, int qos, Code code, String detail) {
        public boolean refusedExplicitly() {
            return kind == Kind.FAILURE_CODE || kind == Kind.CLOSED;
        }

        @Override
        public String toString() {
            return switch (kind) {
                case SUCCESS -> qos == 0 ? "QoS 0 publish written (no acknowledgement in MQTT)"
                        : "PUBACK" + (code == null ? "" : " " + code);
                case FAILURE_CODE -> "PUBACK " + code;
                case CLOSED -> "connection closed" + (detail.isEmpty() ? "" : " (" + detail + ")");
                case NO_ANSWER -> "no PUBACK within " + detail;
            };
        }
    }
}
