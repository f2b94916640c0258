package org.dynreg.tck.mqtt;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttWebSocketConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.dynreg.tck.fixture.BrokerAddress;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureException;

/** How to reach the broker under test: address, transport (TCP, TLS, WebSocket) and TLS material. */
public final class Endpoint {

    static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final BrokerAddress address;
    private final MqttClientSslConfig ssl;

    public Endpoint(BrokerAddress address, Optional<Fixture.Tls> tls) {
        this.address = address;
        this.ssl = address.tls() ? sslConfig(tls) : null;
    }

    public BrokerAddress address() {
        return address;
    }

    /** The builder, set up for this endpoint's host, port and transport. */
    public MqttClientBuilder configure(MqttClientBuilder builder) {
        // everything in one transport config: set beside it, TLS and WebSocket settings would be ignored
        var transport = builder.transportConfig()
                .serverHost(address.host())
                .serverPort(address.port())
                .socketConnectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .mqttConnectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (ssl != null) {
            transport = transport.sslConfig(ssl);
        }
        if (address.webSocket()) {
            String path = address.path().startsWith("/") ? address.path().substring(1) : address.path();
            transport = transport.webSocketConfig(MqttWebSocketConfig.builder().serverPath(path).build());
        }
        return transport.applyTransportConfig();
    }

    private static MqttClientSslConfig sslConfig(Optional<Fixture.Tls> tls) {
        var builder = MqttClientSslConfig.builder();
        if (tls.isEmpty()) {
            return builder.build();
        }
        Fixture.Tls t = tls.get();
        if (t.caFile().isPresent()) {
            builder = builder.trustManagerFactory(trust(t.caFile().get()));
        }
        if (t.clientCertFile().isPresent() && t.clientKeyFile().isPresent()) {
            builder = builder.keyManagerFactory(keys(t.clientCertFile().get(), t.clientKeyFile().get()));
        }
        return builder.build();
    }

    private static TrustManagerFactory trust(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> cas = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (cas.isEmpty()) {
                throw new FixtureException("fixture tls.caFile " + caFile + ": holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate ca : cas) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf;
        } catch (IOException | GeneralSecurityException e) {
            throw new FixtureException("fixture tls.caFile " + caFile + ": not a PEM certificate (" + e.getMessage() + ")");
        }
    }

    private static KeyManagerFactory keys(Path certFile, Path keyFile) {
        Certificate[] chain;
        try (InputStream in = Files.newInputStream(certFile)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(new Certificate[0]);
        } catch (IOException | GeneralSecurityException e) {
            throw new FixtureException("fixture tls.clientCertFile " + certFile + ": not a PEM certificate (" + e.getMessage() + ")");
        }
        try {
            PrivateKey key = privateKey(keyFile);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("client", key, none, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, none);
            return kmf;
        } catch (IOException | GeneralSecurityException e) {
            throw new FixtureException("fixture tls.clientKeyFile " + keyFile + ": " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path keyFile) throws IOException, GeneralSecurityException {
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException("must be an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem");
        }
        String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
                .replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException ignored) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("holds a key that is neither RSA, EC nor Ed25519");
    }
}
