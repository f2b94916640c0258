package org.dynreg.tck.selftest;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dynreg.tck.device.Conduct;
import org.dynreg.tck.device.DeviceParams;
import org.dynreg.tck.device.ReferenceDevice;
import org.dynreg.tck.spec.Secret;

/**
 * The person of the device bench's by-hand mode, for its self-test: reads what the bench prints, and does as it says —
 * starts the reference device with the broker, ProductSN and DeviceSN printed (the ProdSecret it knows, as a person
 * reads it from fixtures/embedded.yaml; a state folder of its own per DeviceSN), stops it when told. A person who does
 * nothing ({@code acts} false) only reads.
 */
final class ScriptedPerson extends OutputStream {

    private final Secret productSecret;
    private final Path states;
    private final boolean acts;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder heard = new StringBuilder();
    private String broker;
    private String productSN;
    private String deviceSN;
    private boolean again;
    private ReferenceDevice running;
    private int starts;

    ScriptedPerson(Secret productSecret, Path states, boolean acts) {
        this.productSecret = productSecret;
        this.states = states;
        this.acts = acts;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            heard(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    private void heard(String text) {
        heard.append(text).append('\n');
        String s = text.strip();
        if (s.startsWith(">>> scenario") && s.endsWith("the device now, with")) {
            again = s.contains("start AGAIN");
        } else if (s.startsWith("broker ")) {
            broker = s.substring("broker ".length()).strip();
        } else if (s.startsWith("ProductSN ")) {
            productSN = s.substring("ProductSN ".length()).strip();
        } else if (s.startsWith("DeviceSN ")) {
            deviceSN = s.substring("DeviceSN ".length()).strip();
        } else if (s.startsWith("(the bench waits") && acts) {
            if (!again) {
                forget(states.resolve(deviceSN)); // a device as it leaves the factory: no secret from an earlier run
            }
            running = new ReferenceDevice(new DeviceParams(URI.create(broker), productSN, productSecret, deviceSN,
                    states.resolve(deviceSN)), Conduct.reference());
            Thread thread = new Thread(running, "person's device " + deviceSN);
            thread.setDaemon(true);
            thread.start();
            starts++;
        } else if (s.endsWith("stop the device now.") && running != null) {
            running.stop();
            running = null;
        }
    }

    private static void forget(Path state) {
        try (var files = java.nio.file.Files.exists(state) ? java.nio.file.Files.walk(state) : java.util.stream.Stream.<Path>empty()) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot reset the device's state " + state, e);
        }
    }

    /** What the bench printed. */
    synchronized String heard() {
        return heard.toString();
    }

    /** How many times the person started the device. */
    synchronized int starts() {
        return starts;
    }
}
