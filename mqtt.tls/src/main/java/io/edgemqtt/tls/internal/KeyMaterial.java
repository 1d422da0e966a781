package io.edgemqtt.tls.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The certificates and key of a profile, read from its files and checked: every file readable and well formed, the
 * key password right, the key matching the certificate. Each failure is a {@link TlsConfigException} naming the
 * property; messages name files, subjects and key types, never key bytes or passwords.
 */
final class KeyMaterial {
    private final List<X509Certificate> trustAnchors;
    private final PrivateKey clientKey;
    private final List<X509Certificate> clientChain;

    private KeyMaterial(List<X509Certificate> trustAnchors, PrivateKey clientKey, List<X509Certificate> clientChain) {
        this.trustAnchors = trustAnchors;
        this.clientKey = clientKey;
        this.clientChain = clientChain;
    }

    /**
     * @param settings the profile
     * @return its material
     * @throws TlsConfigException naming the property whose file is missing, unreadable, malformed or inconsistent
     */
    static KeyMaterial load(ProfileSettings settings) throws TlsConfigException {
        List<X509Certificate> anchors = null;
        if (settings.trustAnchors().isPresent()) {
            anchors = readCertificates(ProfileSettings.TRUST_ANCHORS, settings.trustAnchors().get());
        }
        if (settings.keystore().isPresent()) {
            char[] password = settings.keystorePassword();
            try {
                return readPkcs12(anchors, settings.keystore().get(), password);
            } finally {
                clear(password);
            }
        }
        if (settings.certificateChain().isPresent()) {
            List<X509Certificate> chain =
                    readCertificates(ProfileSettings.CERTIFICATE_CHAIN, settings.certificateChain().get());
            char[] password = settings.keyPassword();
            try {
                PrivateKey key = readPrivateKey(settings.privateKey().get(), password);
                checkPair(ProfileSettings.PRIVATE_KEY, key, chain.get(0), settings.privateKey().get().toString(),
                        settings.certificateChain().get().toString());
                return new KeyMaterial(anchors, key, chain);
            } finally {
                clear(password);
            }
        }
        return new KeyMaterial(anchors, null, List.of());
    }

    /** @return the configured trust anchors, or null for the Java runtime's default CAs */
    List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /** @return the client key, or null without mutual TLS */
    PrivateKey clientKey() {
        return clientKey;
    }

    /** @return the client certificate first, then its CAs; empty without mutual TLS */
    List<X509Certificate> clientChain() {
        return clientChain;
    }

    static List<X509Certificate> readCertificates(String property, Path file) throws TlsConfigException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(BouncyCastle.crypto());
        try (Reader reader = open(property, file); PEMParser pem = new PEMParser(reader)) {
            Object item;
            while ((item = pem.readObject()) != null) {
                if (item instanceof X509CertificateHolder) {
                    certificates.add(converter.getCertificate((X509CertificateHolder) item));
                } else {
                    throw new TlsConfigException(property, file + " holds " + describe(item)
                            + " where only PEM certificates (BEGIN CERTIFICATE) belong");
                }
            }
        } catch (IOException | RuntimeException | GeneralSecurityException e) {
            throw malformed(property, file, e);
        }
        if (certificates.isEmpty()) {
            throw new TlsConfigException(property, file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return Collections.unmodifiableList(certificates);
    }

    static PrivateKey readPrivateKey(Path file, char[] password) throws TlsConfigException {
        String property = ProfileSettings.PRIVATE_KEY;
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BouncyCastle.crypto());
        try (Reader reader = open(property, file); PEMParser pem = new PEMParser(reader)) {
            Object item;
            while ((item = pem.readObject()) != null) {
                if (item instanceof PEMKeyPair) { // PKCS#1 RSA or SEC1 EC
                    return converter.getKeyPair((PEMKeyPair) item).getPrivate();
                }
                if (item instanceof PrivateKeyInfo) { // PKCS#8
                    return converter.getPrivateKey((PrivateKeyInfo) item);
                }
                if (item instanceof PKCS8EncryptedPrivateKeyInfo) {
                    requirePassword(file, password);
                    PrivateKeyInfo info = decrypt((PKCS8EncryptedPrivateKeyInfo) item, file, password);
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMEncryptedKeyPair) { // legacy OpenSSL "Proc-Type: 4,ENCRYPTED"
                    requirePassword(file, password);
                    PEMKeyPair pair;
                    try {
                        pair = ((PEMEncryptedKeyPair) item).decryptKeyPair(
                                new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.crypto()).build(password));
                    } catch (IOException | RuntimeException e) {
                        throw wrongPassword(file, e);
                    }
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (item instanceof X509CertificateHolder) {
                    continue; // a combined file (key and certificate): the certificate comes from certificate.chain
                }
                // EC PARAMETERS and the like come before the key: skip them
            }
        } catch (IOException | RuntimeException e) {
            throw malformed(property, file, e);
        }
        throw new TlsConfigException(property, file + " holds no PEM private key (expected BEGIN PRIVATE KEY,"
                + " BEGIN ENCRYPTED PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
    }

    private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, Path file, char[] password)
            throws TlsConfigException {
        try {
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(BouncyCastle.crypto()).build(password);
            return encrypted.decryptPrivateKeyInfo(decryptor);
        } catch (Exception e) {
            // a wrong password shows as a padding error, or as garbage that does not parse as a key
            throw wrongPassword(file, e);
        }
    }

    private static void requirePassword(Path file, char[] password) throws TlsConfigException {
        if (password == null || password.length == 0) {
            throw new TlsConfigException(ProfileSettings.KEY_PASSWORD, "is empty, but the private key in " + file
                    + " is encrypted: set the key's password");
        }
    }

    private static TlsConfigException wrongPassword(Path file, Exception e) {
        return new TlsConfigException(ProfileSettings.KEY_PASSWORD, "cannot decrypt the private key in " + file
                + ": wrong password (" + e.getClass().getSimpleName() + ")");
    }

    private static KeyMaterial readPkcs12(List<X509Certificate> anchors, Path file, char[] password)
            throws TlsConfigException {
        String property = ProfileSettings.KEYSTORE;
        KeyStore store;
        try (InputStream in = openStream(property, file)) {
            store = KeyStore.getInstance("PKCS12", BouncyCastle.crypto());
            store.load(in, password == null ? new char[0] : password);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("password") || message.contains("mac invalid") || e.getCause() != null
                    && String.valueOf(e.getCause().getMessage()).toLowerCase(Locale.ROOT).contains("pad")) {
                throw new TlsConfigException(ProfileSettings.KEYSTORE_PASSWORD, "cannot open the PKCS#12 key store "
                        + file + ": wrong password");
            }
            throw malformed(property, file, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw malformed(property, file, e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key;
                try {
                    key = store.getKey(alias, password == null ? new char[0] : password);
                } catch (GeneralSecurityException e) {
                    throw new TlsConfigException(ProfileSettings.KEYSTORE_PASSWORD, "cannot read the key '" + alias
                            + "' of " + file + " with the key store password (" + e.getClass().getSimpleName() + ")");
                }
                Certificate[] chain = store.getCertificateChain(alias);
                if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
                    continue;
                }
                List<X509Certificate> certificates = new ArrayList<>();
                for (Certificate certificate : chain) {
                    certificates.add((X509Certificate) certificate);
                }
                checkPair(property, (PrivateKey) key, certificates.get(0), file + " (entry '" + alias + "')",
                        file.toString());
                return new KeyMaterial(anchors, (PrivateKey) key, Collections.unmodifiableList(certificates));
            }
        } catch (GeneralSecurityException e) {
            throw malformed(property, file, e);
        }
        throw new TlsConfigException(property, file + " holds no private key with a certificate chain");
    }

    /** Signs a challenge with the key and verifies it with the certificate: works for every key type we support. */
    private static void checkPair(String property, PrivateKey key, X509Certificate certificate, String keyFile,
            String certificateFile) throws TlsConfigException {
        PublicKey publicKey = certificate.getPublicKey();
        String algorithm = signatureAlgorithm(key.getAlgorithm());
        if (algorithm == null) {
            return; // a key type we cannot test; the handshake will tell
        }
        if (!sameFamily(key.getAlgorithm(), publicKey.getAlgorithm())) {
            throw mismatch(property, keyFile, certificateFile, certificate, key.getAlgorithm() + " key, "
                    + publicKey.getAlgorithm() + " certificate");
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm, BouncyCastle.crypto());
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm, BouncyCastle.crypto());
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            if (!verifier.verify(signature)) {
                throw mismatch(property, keyFile, certificateFile, certificate, "a different key pair");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw mismatch(property, keyFile, certificateFile, certificate, e.getClass().getSimpleName());
        }
    }

    private static TlsConfigException mismatch(String property, String keyFile, String certificateFile,
            X509Certificate certificate, String detail) {
        return new TlsConfigException(property, "the private key in " + keyFile + " does not belong to the certificate"
                + " '" + certificate.getSubjectX500Principal().getName() + "' in " + certificateFile + " (" + detail
                + ")");
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        switch (keyAlgorithm.toUpperCase(Locale.ROOT)) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
            case "ECDSA":
                return "SHA256withECDSA";
            case "ED25519":
                return "Ed25519";
            case "ED448":
                return "Ed448";
            default:
                return null;
        }
    }

    private static boolean sameFamily(String a, String b) {
        return family(a).equals(family(b));
    }

    private static String family(String algorithm) {
        String upper = algorithm.toUpperCase(Locale.ROOT);
        return upper.equals("ECDSA") ? "EC" : upper;
    }

    private static Reader open(String property, Path file) throws TlsConfigException {
        return new java.io.InputStreamReader(openStream(property, file), StandardCharsets.US_ASCII);
    }

    private static InputStream openStream(String property, Path file) throws TlsConfigException {
        try {
            if (Files.isDirectory(file)) {
                throw new TlsConfigException(property, file + " is a folder, not a file");
            }
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new TlsConfigException(property, "file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new TlsConfigException(property, "file " + file + " is not readable (permission denied)");
        } catch (IOException e) {
            throw new TlsConfigException(property, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static TlsConfigException malformed(String property, Path file, Exception e) {
        if (e instanceof TlsConfigException) {
            return (TlsConfigException) e;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new TlsConfigException(property, file + " is not well-formed PEM" + (property.equals(
                ProfileSettings.KEYSTORE) ? " / PKCS#12" : "") + ": " + firstLine(detail));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String describe(Object item) {
        if (item instanceof PEMKeyPair || item instanceof PrivateKeyInfo || item instanceof PKCS8EncryptedPrivateKeyInfo
                || item instanceof PEMEncryptedKeyPair) {
            return "a private key";
        }
        return "a " + item.getClass().getSimpleName();
    }

    private static void clear(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
