package org.dynreg.tck.platform;

import java.nio.file.Path;
import java.util.Optional;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureException;
import org.dynreg.tck.fixture.FixtureLoader;

/**
 * Starts the reference platform alone, for trying device firmware against it:
 * {@code mvn -q compile exec:java -Dport=1883 [-Dfixture=fixtures/embedded.yaml]}. With
 * {@code -Ddeviations=UNLISTED_DEVICE_ACCEPTED,...} it breaks the spec on purpose (see {@link Deviation}):
 * a broker to watch the kit fail; {@code -DreplyDelayMillis=1500} delays every password reply.
 */
public final class ReferencePlatformMain {

    private ReferencePlatformMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path fixtureFile = Path.of(System.getProperty("fixture", "fixtures/embedded.yaml"));
        int port = Integer.getInteger("port", 1883);
        Fixture fixture;
        try {
            fixture = FixtureLoader.withSystemEnvironment().load(fixtureFile, Optional.empty());
        } catch (FixtureException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Behaviour behaviour = Behaviour.exemplary();
        for (String name : System.getProperty("deviations", "").split(",")) {
            if (!name.isBlank()) {
                try {
                    behaviour.deviate(Deviation.valueOf(name.trim()));
                } catch (IllegalArgumentException e) {
                    System.err.println("-Ddeviations: " + name.trim() + " is not one of " + java.util.Arrays.toString(Deviation.values()));
                    System.exit(2);
                }
            }
        }
        behaviour.replyDelayMillis(Integer.getInteger("replyDelayMillis", 0));
        ReferencePlatform platform = ReferencePlatform.start(fixture, behaviour,
                Path.of("target", "reference-platform-" + port), port);
        Fixture.Product on = fixture.product();
        Fixture.Product off = fixture.productWithoutDynamicRegistration();
        System.out.println("dynreg reference platform listening on " + platform.tcpAddress() + " and "
                + platform.webSocketAddress());
        System.out.println("  product " + on.productSN() + " (dynamic registration on), whitelisted DeviceSNs: "
                + String.join(", ", on.whitelistedDevices())
                + on.whitelistedDeviceRange().map(r -> " and the range of " + r).orElse(""));
        System.out.println("  product " + off.productSN() + " (dynamic registration off)");
        System.out.println("  ProdSecrets and the observer account: see " + fixtureFile);
        for (Deviation d : Deviation.values()) {
            if (behaviour.deviates(d)) {
                System.out.println("  DEVIATES on purpose (breaks " + d.rule() + "): " + d.description());
            }
        }
        System.out.println("Ctrl-C stops it.");
        Thread.currentThread().join();
    }
}
