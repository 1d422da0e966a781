package io.edgemqtt.itest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * Certificates made at test time in the driver (nothing secret is committed): a CA, server certificates for
 * {@code 127.0.0.1}/{@code localhost} and client certificates it signs, EC P-256 keys.
 *
 * <p>Driver-only, like {@link TestBroker}: it uses Bouncy Castle's certificate builders from the failsafe class path.
 * It never registers a JCA provider (keys, signatures and certificate parsing use the JDK's own providers), so
 * nothing of the driver's Bouncy Castle copy becomes visible to the framework, whose bundles wire to the Bouncy
 * Castle bundles.
 */
final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final String SIGNATURE = "SHA256withECDSA";

    /** A certificate with its private key; {@link #issuer} is the CA that signed it (itself for a CA). */
    static final class Issued {
        final X509Certificate certificate;
        final PrivateKey key;
        final Issued issuer;

        private Issued(X509Certificate certificate, PrivateKey key, Issued issuer) {
            this.certificate = certificate;
            this.key = key;
            this.issuer = issuer == null ? this : issuer;
        }

        /** Writes the certificate as PEM. */
        void writeCertificate(Path file) {
            writePem(file, certificate);
        }

        /** Writes the private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}). */
        void writeKey(Path file) {
            try {
                writePem(file, new JcaPKCS8Generator(key, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * @param commonName the subject's CN
         * @return a server certificate for {@code 127.0.0.1} and {@code localhost} signed by this CA
         */
        Issued issueServer(String commonName) {
            return issue(commonName, KeyPurposeId.id_kp_serverAuth, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        }

        /**
         * @param commonName the subject's CN
         * @return a client certificate signed by this CA
         */
        Issued issueClient(String commonName) {
            return issue(commonName, KeyPurposeId.id_kp_clientAuth, null);
        }

        private Issued issue(String commonName, KeyPurposeId purpose, GeneralNames alternativeNames) {
            KeyPair pair = ecKeyPair();
            try {
                X509v3CertificateBuilder builder = builder(certificate.getSubjectX500Principal(), commonName, pair);
                JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(certificate));
                if (alternativeNames != null) {
                    builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
                }
                return new Issued(sign(builder, key), pair.getPrivate(), this);
            } catch (IOException | GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
                throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
            }
        }
    }

    private TestCertificates() {}

    /**
     * @param commonName the CA's CN
     * @return a new self-signed CA, valid from an hour ago for 30 days
     */
    static Issued newCa(String commonName) {
        KeyPair pair = ecKeyPair();
        try {
            X500Principal subject = new X500Principal("CN=" + commonName + ", O=EdgeMQTT integration tests");
            X509v3CertificateBuilder builder = builder(subject, commonName, pair);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(pair.getPublic()));
            return new Issued(sign(builder, pair.getPrivate()), pair.getPrivate(), null);
        } catch (IOException | GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot create the CA " + commonName, e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Principal issuer, String commonName, KeyPair pair) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Principal("CN=" + commonName + ", O=EdgeMQTT integration tests"), pair.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        // no setProvider(...): the JDK's providers sign and parse; Bouncy Castle only builds the structures
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE)
                .build(signer)));
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePem(Path file, Object object) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            if (object instanceof PemObjectGenerator) {
                pem.writeObject((PemObjectGenerator) object);
            } else {
                pem.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
