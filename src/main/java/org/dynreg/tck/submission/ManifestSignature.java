package org.dynreg.tck.submission;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Signing and checking a bundle's manifest with the JDK's Signature API: Ed25519 (EdDSA),
 * SHA256withRSA or SHA256withECDSA, chosen by the key. {@code MANIFEST.sha256.sig} holds the
 * signature in Base64; {@code signer.pem} the certificate or the public key.
 */
public final class ManifestSignature {

    public static final String SIGNER = "signer.pem";

    private ManifestSignature() {
    }

    static String algorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new SigningKey.SigningException("keys of type " + keyAlgorithm + " are not supported (Ed25519, RSA, EC)");
        };
    }

    public static byte[] sign(byte[] manifest, PrivateKey key) {
        try {
            Signature s = Signature.getInstance(algorithm(key.getAlgorithm()));
            s.initSign(key);
            s.update(manifest);
            return (Base64.getEncoder().encodeToString(s.sign()) + "\n").getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new SigningKey.SigningException("the manifest cannot be signed with the " + key.getAlgorithm() + " key: " + e.getMessage());
        }
    }

    /** Whether {@code signatureFile} (as written by {@link #sign}) is a valid signature of {@code manifest} by {@code key}. */
    public static boolean verify(byte[] manifest, byte[] signatureFile, PublicKey key) {
        try {
            byte[] signature = Base64.getMimeDecoder().decode(new String(signatureFile, StandardCharsets.US_ASCII).strip());
            Signature s = Signature.getInstance(algorithm(key.getAlgorithm()));
            s.initVerify(key);
            s.update(manifest);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static void requireMatching(String where, SigningKey key) {
        byte[] probe = "dynreg-tck signing probe".getBytes(StandardCharsets.US_ASCII);
        if (!verify(probe, sign(probe, key.privateKey()), key.publicKey())) {
            throw new SigningKey.SigningException(where + ": the public key or certificate does not belong to the private key");
        }
    }

    /** The public key of a PEM file holding a {@code PUBLIC KEY} or a {@code CERTIFICATE}; empty if it holds neither. */
    public static Optional<PublicKey> publicKeyOf(String where, byte[] pem) {
        List<Pem.Block> blocks = Pem.blocks(pem);
        for (Pem.Block b : blocks) {
            if (b.type().equals("CERTIFICATE")) {
                return Optional.of(certificate(where, b.der()).getPublicKey());
            }
            if (b.type().equals("PUBLIC KEY")) {
                return Optional.of(publicKey(where, b.der()));
            }
        }
        return Optional.empty();
    }

    static PublicKey publicKey(String where, byte[] der) {
        for (String algorithm : List.of("EdDSA", "RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | ClassCastException e) {
                // try the next algorithm
            }
        }
        throw new SigningKey.SigningException(where + ": the public key is neither Ed25519, RSA nor EC");
    }

    static Certificate certificate(String where, byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new SigningKey.SigningException(where + ": the certificate cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A short, stable name of a public key for the report: its algorithm and the SHA-256 of its encoding. */
    public static String describe(PublicKey key) {
        String type = key instanceof java.security.interfaces.EdECKey ed ? ed.getParams().getName() : key.getAlgorithm();
        return type + " key " + Hashes.shortened(Hashes.sha256(key.getEncoded()));
    }
}
