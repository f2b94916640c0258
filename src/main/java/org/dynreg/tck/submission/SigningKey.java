package org.dynreg.tck.submission;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key that signs a bundle's manifest ({@code -Dsign.key=PATH}), with the JDK's own Signature API:
 * a PEM file holding a PKCS#8 private key (Ed25519, RSA or EC) and, for Ed25519 and EC, its public
 * key or certificate; or a PKCS#12 keystore whose password (and, if it holds several keys, alias)
 * come from the environment. Every problem is one {@link SigningException} line.
 *
 * @param signerPem what goes into the bundle as {@code signer.pem}: the certificate, or the public key
 */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey, String signerPem) {

    public static final String PASSWORD_ENV = "DYNREG_SIGN_PASSWORD";
    public static final String ALIAS_ENV = "DYNREG_SIGN_ALIAS";

    /** A key that cannot be used, as one line. */
    public static final class SigningException extends RuntimeException {
        public SigningException(String message) {
            super(message);
        }
    }

    public static SigningKey load(Path file, Map<String, String> environment) {
        String where = "-Dsign.key=" + file;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SigningException(where + ": file not found");
        } catch (IOException e) {
            throw new SigningException(where + ": cannot be read (" + e.getMessage() + ")");
        }
        SigningKey key = Pem.looksLikePem(bytes) ? fromPem(where, bytes) : fromPkcs12(where, bytes, environment);
        ManifestSignature.requireMatching(where, key);
        return key;
    }

    private static SigningKey fromPem(String where, byte[] bytes) {
        List<Pem.Block> blocks = Pem.blocks(bytes);
        Pem.Block priv = blocks.stream().filter(b -> b.type().equals("PRIVATE KEY")).findFirst().orElseThrow(() ->
                new SigningException(where + ": " + blocks.stream().filter(b -> b.type().endsWith("PRIVATE KEY")).findFirst()
                        .map(b -> "holds an " + b.type() + " block; convert it to an unencrypted PKCS#8 'PRIVATE KEY' "
                                + "(openssl pkcs8 -topk8 -nocrypt -in KEY), or use a PKCS#12 keystore")
                        .orElse("holds no 'PRIVATE KEY' PEM block")));
        PrivateKey privateKey = privateKey(where, priv.der());
        Optional<Pem.Block> cert = blocks.stream().filter(b -> b.type().equals("CERTIFICATE")).findFirst();
        Optional<Pem.Block> pub = blocks.stream().filter(b -> b.type().equals("PUBLIC KEY")).findFirst();
        if (cert.isPresent()) {
            Certificate c = ManifestSignature.certificate(where, cert.get().der());
            return new SigningKey(privateKey, c.getPublicKey(), Pem.write("CERTIFICATE", cert.get().der()));
        }
        if (pub.isPresent()) {
            PublicKey p = ManifestSignature.publicKey(where, pub.get().der());
            return new SigningKey(privateKey, p, Pem.write("PUBLIC KEY", p.getEncoded()));
        }
        if (privateKey instanceof RSAPrivateCrtKey rsa) {
            try {
                PublicKey p = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
                return new SigningKey(privateKey, p, Pem.write("PUBLIC KEY", p.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new SigningException(where + ": the RSA public key cannot be derived (" + e.getMessage() + ")");
            }
        }
        String type = privateKey instanceof java.security.interfaces.EdECKey ed ? ed.getParams().getName() : privateKey.getAlgorithm();
        throw new SigningException(where + ": an " + type + " private key needs its public key in the same "
                + "file (append the output of: openssl pkey -in KEY -pubout), or its certificate");
    }

    private static PrivateKey privateKey(String where, byte[] der) {
        for (String algorithm : List.of("EdDSA", "RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | ClassCastException e) {
                // try the next algorithm
            }
        }
        throw new SigningException(where + ": the private key is neither Ed25519, RSA nor EC (PKCS#8)");
    }

    private static SigningKey fromPkcs12(String where, byte[] bytes, Map<String, String> environment) {
        String password = environment.get(PASSWORD_ENV);
        if (password == null) {
            throw new SigningException(where + ": a PKCS#12 keystore needs its password in the environment variable " + PASSWORD_ENV);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password.toCharArray());
            List<String> keys = Collections.list(store.aliases()).stream().filter(a -> isKey(store, a)).toList();
            String alias = environment.get(ALIAS_ENV);
            if (alias == null) {
                if (keys.size() != 1) {
                    throw new SigningException(where + ": the keystore holds " + keys.size() + " private keys " + keys
                            + "; name one in the environment variable " + ALIAS_ENV);
                }
                alias = keys.get(0);
            } else if (!keys.contains(alias)) {
                throw new SigningException(where + ": the keystore has no private key under the alias '" + alias
                        + "' (" + ALIAS_ENV + "); it has " + keys);
            }
            Key key = store.getKey(alias, password.toCharArray());
            Certificate cert = store.getCertificate(alias);
            if (!(key instanceof PrivateKey privateKey) || cert == null) {
                throw new SigningException(where + ": the alias '" + alias + "' holds no private key with a certificate");
            }
            return new SigningKey(privateKey, cert.getPublicKey(), Pem.write("CERTIFICATE", cert.getEncoded()));
        } catch (IOException e) {
            throw new SigningException(where + ": is neither a PEM file nor a PKCS#12 keystore whose password is "
                    + PASSWORD_ENV + " (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new SigningException(where + ": the keystore cannot be read (" + e.getMessage() + ")");
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + publicKey.getAlgorithm() + "]";
    }
}
