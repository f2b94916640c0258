package org.dynreg.tck.submission;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dynreg.tck.device.DeviceResults;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.spec.Secrets;

/** {@code environment.json} of a bundle: what ran (a broker or a device), where, how, and with which kit. */
public final class RunEnvironment {

    public static final String NAME = "environment.json";

    private RunEnvironment() {
    }

    /** A broker certification's. */
    public static Map<String, Object> of(CertificationRun run, KitCheck kit, Instant created) {
        Map<String, Object> env = kitAndHost(BundleKind.BROKER, kit);
        env.put("broker", run.broker().toString());
        env.put("mqttVersions", run.versions().stream().map(MqttVersion::label).toList());
        env.put("strict", run.strict());
        env.put("tagFilter", run.settings().tagFilter() == null ? "" : run.settings().tagFilter());
        return fixtureAndDate(env, run.settings().fixture(), run.fixture(), created);
    }

    /** A device certification's: the device, the platform it ran against (configured from {@code fixtureFile}). */
    public static Map<String, Object> ofDevice(DeviceResults results, Path fixtureFile, Fixture fixture, KitCheck kit, Instant created) {
        Map<String, Object> env = kitAndHost(BundleKind.DEVICE, kit);
        env.put("device", Secrets.mask(results.device()));
        env.put("platform", results.platform());
        env.put("strict", results.strict());
        return fixtureAndDate(env, fixtureFile, fixture, created);
    }

    private static Map<String, Object> kitAndHost(BundleKind kind, KitCheck kit) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put(BundleKind.KEY, kind.label());
        env.put("kitVersion", kit.version());
        env.put("kitCommit", kit.commit());
        env.put("kitFingerprint", kit.fingerprint().sha256());
        env.put("kitFingerprintFiles", kit.fingerprint().files());
        env.put("kitFingerprintRecorded", kit.recorded().orElse(null));
        env.put("modifiedKit", kit.modified());
        env.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")");
        return env;
    }

    private static Map<String, Object> fixtureAndDate(Map<String, Object> env, Path fixtureFile, Fixture fixture, Instant created) {
        env.put("fixture", fixtureFile.toString());
        env.put("fixtureSha256", fixture.sha256());
        env.put("product", fixture.product().productSN());
        env.put("created", created.toString());
        return env;
    }
}
