package io.edgemqtt.tls.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * Certificates made at test time with Bouncy Castle (nothing secret is committed): CAs, server certificates for
 * localhost/127.0.0.1, for a wrong host, expired ones, client certificates. Keys are EC P-256 unless RSA is asked
 * for. Files are written as PEM (PKCS#8, PKCS#1, encrypted PKCS#8) or PKCS#12.
 */
final class TestPki {
    static final Provider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A certificate with its key. */
    static final class Issued {
        final X509Certificate certificate;
        final PrivateKey key;
        final List<X509Certificate> chain;

        Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {
            this.certificate = certificate;
            this.key = key;
            this.chain = chain;
        }

        Path writeCertificate(Path file) {
            return writePem(file, chain.toArray());
        }

        Path writeKeyPkcs8(Path file) {
            try {
                return writePem(file, new JcaPKCS8Generator(key, null).generate());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** PKCS#1 for RSA ("RSA PRIVATE KEY"), SEC1 for EC ("EC PRIVATE KEY"). */
        Path writeKeyTraditional(Path file) {
            try {
                return writePem(file, new JcaMiscPEMGenerator(key).generate());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path writeKeyEncryptedPkcs8(Path file, String password) {
            try {
                JceOpenSSLPKCS8EncryptorBuilder encryptor =
                        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BC);
                encryptor.setPassword(password.toCharArray());
                return writePem(file, new JcaPKCS8Generator(key, encryptor.build()).generate());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        Path writePkcs12(Path file, String password) {
            try (OutputStream out = Files.newOutputStream(file)) {
                KeyStore store = KeyStore.getInstance("PKCS12", BC);
                store.load(null, null);
                store.setKeyEntry("client", key, password.toCharArray(), chain.toArray(new X509Certificate[0]));
                store.store(out, password.toCharArray());
                return file;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Issued ca;

    private TestPki(Issued ca) {
        this.ca = ca;
    }

    /**
     * @param name the CA's common name
     * @return a new CA
     */
    static TestPki newCa(String name) {
        KeyPair pair = ecKeyPair();
        X500Principal subject = new X500Principal("CN=" + name + ", O=EdgeMQTT tests");
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                    pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = sign(builder, pair.getPrivate());
            return new TestPki(new Issued(certificate, pair.getPrivate(), List.of(certificate)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Issued ca() {
        return ca;
    }

    Path writeCa(Path file) {
        return ca.writeCertificate(file);
    }

    /** A server certificate for localhost and 127.0.0.1, valid now. */
    Issued server() {
        return server("localhost", "127.0.0.1");
    }

    Issued server(String... names) {
        Instant now = Instant.now();
        return issue("server " + names[0], false, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)),
                KeyPurposeId.id_kp_serverAuth, names);
    }

    /** A server certificate for localhost and 127.0.0.1 that expired yesterday. */
    Issued expiredServer() {
        Instant now = Instant.now();
        return issue("expired server", false, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)),
                KeyPurposeId.id_kp_serverAuth, "localhost", "127.0.0.1");
    }

    Issued client(String commonName) {
        return client(commonName, false);
    }

    Issued client(String commonName, boolean rsa) {
        Instant now = Instant.now();
        return issue(commonName, rsa, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)),
                KeyPurposeId.id_kp_clientAuth);
    }

    private Issued issue(String commonName, boolean rsa, Instant notBefore, Instant notAfter, KeyPurposeId purpose,
            String... names) {
        KeyPair pair = rsa ? rsaKeyPair() : ecKeyPair();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate, serial(),
                    Date.from(notBefore), Date.from(notAfter), new X500Principal("CN=" + commonName), pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | (rsa ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement)));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(ca.certificate));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(pair.getPublic()));
            if (names.length > 0) {
                List<GeneralName> alternatives = new ArrayList<>();
                for (String name : names) {
                    alternatives.add(DiagnosingTrustManager.isIpLiteral(name)
                            ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(alternatives.toArray(new GeneralName[0])));
            }
            X509Certificate certificate = sign(builder, ca.key);
            return new Issued(certificate, pair.getPrivate(), List.of(certificate));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws Exception {
        String algorithm = issuerKey.getAlgorithm().startsWith("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        ContentSigner signer = new JcaContentSignerBuilder(algorithm).setProvider(BC).build(issuerKey);
        return new JcaX509CertificateConverter().setProvider(BC).getCertificate(builder.build(signer));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BC);
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path writePem(Path file, Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                if (object instanceof PemObjectGenerator) {
                    writer.writeObject((PemObjectGenerator) object);
                } else {
                    writer.writeObject(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
