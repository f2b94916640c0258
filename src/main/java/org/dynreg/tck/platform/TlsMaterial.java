package org.dynreg.tck.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway server certificate for the reference platform's TLS listeners, made with the JDK's
 * {@code keytool}: a PKCS#12 key store for HiveMQ and the certificate as PEM for the kit to trust
 * (it is self-signed, so it is its own CA). Valid for 127.0.0.1 and localhost.
 */
public record TlsMaterial(Path keyStore, String password, Path caPem) {

    public static TlsMaterial create(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path store = dir.resolve(name + ".p12");
            Path pem = dir.resolve(name + "-ca.pem");
            Files.deleteIfExists(store);
            Files.deleteIfExists(pem);
            String password = "dynreg-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
            keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                    "-dname", "CN=dynreg reference platform", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(), "-storepass", password,
                    "-file", pem.toString());
            return new TlsMaterial(store, password, pem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create TLS material in " + dir, e);
        }
    }

    private static void keytool(String... args) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
