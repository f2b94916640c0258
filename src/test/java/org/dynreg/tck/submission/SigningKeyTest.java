package org.dynreg.tck.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -Dsign.key: PEM (Ed25519, RSA, EC) and PKCS#12 keys sign a manifest that only their public key verifies. */
class SigningKeyTest {

    private static final byte[] MANIFEST = "0000  summary.json\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void ed25519PemWithItsPublicKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SigningKey key = SigningKey.load(pem("ed.pem", pair, true), Map.of());
        assertSignsAndOnlyItsKeyVerifies(key, "Ed25519");
    }

    @Test
    void rsaPemAloneItsPublicKeyIsDerived() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        SigningKey key = SigningKey.load(pem("rsa.pem", pair, false), Map.of());
        assertThat(key.publicKey()).isEqualTo(pair.getPublic());
        assertSignsAndOnlyItsKeyVerifies(key, "RSA");
    }

    @Test
    void ecPemNeedsItsPublicKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThatThrownBy(() -> SigningKey.load(pem("ec.pem", pair, false), Map.of()))
                .isInstanceOf(SigningKey.SigningException.class)
                .hasMessage("-Dsign.key=" + dir.resolve("ec.pem") + ": an EC private key needs its public key in the same file "
                        + "(append the output of: openssl pkey -in KEY -pubout), or its certificate");
        assertSignsAndOnlyItsKeyVerifies(SigningKey.load(pem("ec-pub.pem", pair, true), Map.of()), "EC");
    }

    @Test
    void aPublicKeyThatIsNotThePrivateKeysIsRefused() throws Exception {
        KeyPair one = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path file = dir.resolve("mixed.pem");
        Files.writeString(file, Pem.write("PRIVATE KEY", one.getPrivate().getEncoded()) + Pem.write("PUBLIC KEY", other.getPublic().getEncoded()));
        assertThatThrownBy(() -> SigningKey.load(file, Map.of())).hasMessageEndingWith("does not belong to the private key");
    }

    @Test
    void pkcs12WithPasswordAndAliasFromTheEnvironment() throws Exception {
        Path p12 = dir.resolve("vendor.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "vendor", "-dname", "CN=vendor",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "s3cret-pw",
                "-keypass", "s3cret-pw").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool within 60 s").isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        SigningKey key = SigningKey.load(p12, Map.of(SigningKey.PASSWORD_ENV, "s3cret-pw"));
        assertThat(key.signerPem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertSignsAndOnlyItsKeyVerifies(key, "EC");
        assertThat(SigningKey.load(p12, Map.of(SigningKey.PASSWORD_ENV, "s3cret-pw", SigningKey.ALIAS_ENV, "vendor"))
                .publicKey()).isEqualTo(key.publicKey());

        assertThatThrownBy(() -> SigningKey.load(p12, Map.of())).hasMessage("-Dsign.key=" + p12
                + ": a PKCS#12 keystore needs its password in the environment variable DYNREG_SIGN_PASSWORD");
        assertThatThrownBy(() -> SigningKey.load(p12, Map.of(SigningKey.PASSWORD_ENV, "s3cret-pw", SigningKey.ALIAS_ENV, "other")))
                .hasMessage("-Dsign.key=" + p12 + ": the keystore has no private key under the alias 'other' (DYNREG_SIGN_ALIAS); it has [vendor]");
        assertThatThrownBy(() -> SigningKey.load(p12, Map.of(SigningKey.PASSWORD_ENV, "wrong")))
                .hasMessageStartingWith("-Dsign.key=" + p12 + ": is neither a PEM file nor a PKCS#12 keystore");
    }

    @Test
    void aMissingFileOrAnOldKeyFormatIsOneLine() throws IOException {
        assertThatThrownBy(() -> SigningKey.load(dir.resolve("none.pem"), Map.of()))
                .hasMessage("-Dsign.key=" + dir.resolve("none.pem") + ": file not found");
        Path old = dir.resolve("old.pem");
        Files.writeString(old, Pem.write("RSA PRIVATE KEY", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> SigningKey.load(old, Map.of())).hasMessageContaining("holds an RSA PRIVATE KEY block; convert it");
    }

    private void assertSignsAndOnlyItsKeyVerifies(SigningKey key, String family) throws GeneralSecurityException {
        byte[] signature = ManifestSignature.sign(MANIFEST, key.privateKey());
        assertThat(ManifestSignature.verify(MANIFEST, signature, key.publicKey())).isTrue();
        assertThat(ManifestSignature.publicKeyOf("signer.pem", key.signerPem().getBytes(StandardCharsets.US_ASCII)))
                .contains(key.publicKey());
        byte[] changed = "0001  summary.json\n".getBytes(StandardCharsets.UTF_8);
        assertThat(ManifestSignature.verify(changed, signature, key.publicKey())).as("a changed manifest").isFalse();
        KeyPair stranger = KeyPairGenerator.getInstance(family).generateKeyPair();
        assertThat(ManifestSignature.verify(MANIFEST, signature, stranger.getPublic())).as("another key").isFalse();
    }

    private Path pem(String name, KeyPair pair, boolean withPublic) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, Pem.write("PRIVATE KEY", pair.getPrivate().getEncoded())
                + (withPublic ? Pem.write("PUBLIC KEY", pair.getPublic().getEncoded()) : ""));
        return file;
    }
}
