package org.dynreg.tck.submission;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.spec.MqttVersion;

/** {@code environment.json} of a bundle: what ran, where, how, and with which kit. */
public final class RunEnvironment {

    public static final String NAME = "environment.json";

    private RunEnvironment() {
    }

    public static Map<String, Object> of(CertificationRun run, KitCheck kit, Instant created) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("kitVersion", kit.version());
        env.put("kitCommit", kit.commit());
        env.put("kitFingerprint", kit.fingerprint().sha256());
        env.put("kitFingerprintFiles", kit.fingerprint().files());
        env.put("kitFingerprintRecorded", kit.recorded().orElse(null));
        env.put("modifiedKit", kit.modified());
        env.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")");
        env.put("broker", run.broker().toString());
        env.put("mqttVersions", run.versions().stream().map(MqttVersion::label).toList());
        env.put("strict", run.strict());
        env.put("tagFilter", run.settings().tagFilter() == null ? "" : run.settings().tagFilter());
        env.put("fixture", run.settings().fixture().toString());
        env.put("fixtureSha256", run.fixture().sha256());
        env.put("product", run.fixture().product().productSN());
        env.put("created", created.toString());
        return env;
    }
}
