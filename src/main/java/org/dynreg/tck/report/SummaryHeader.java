package org.dynreg.tck.report;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.spec.Secrets;

/** The head of {@code summary.md}: what was certified, with what, when and with which verdict. */
final class SummaryHeader {

    private SummaryHeader() {
    }

    static String markdown(CertificationRun run, OverallVerdict verdict, Instant start, Instant end) {
        StringBuilder out = new StringBuilder("# dynreg-tck certification: ").append(verdict.text()).append("\n\n");
        row(out, "verdict", "**" + verdict.text() + "**");
        row(out, "kit", "dynreg-tck " + Kit.version());
        row(out, "date", (start == null ? end : start).truncatedTo(ChronoUnit.SECONDS).toString());
        row(out, "duration", start == null ? "-" : Duration.between(start, end).toMillis() / 1000.0 + " s");
        if (run != null) {
            row(out, "broker", Secrets.mask(run.broker().toString()));
            row(out, "fixture", run.settings().fixture().toString());
            row(out, "fixture SHA-256", run.fixture().sha256());
            row(out, "MQTT versions", String.join(", ", run.versions().stream().map(MqttVersion::label).toList()));
            row(out, "strict", run.strict() ? "yes (SHOULD rules count as MUST)" : "no (SHOULD rules are warnings)");
            if (run.fixture().observer().isPresent()) {
                row(out, "observer", "its transcript of the whole run (every message it received, every control it sent, "
                        + "any loss of its connection) in " + RunResults.OBSERVER_TRANSCRIPT);
            }
        }
        return out.append('\n').toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("- ").append(name).append(": ").append(value.replace("\n", " ")).append('\n');
    }
}
