package io.edgemqtt.tls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading certificates and keys: every supported format, and a clear error for each way a file can be wrong. */
class KeyMaterialTest {
    private static final String PASSWORD = "s3cret-Passw0rd";
    private static TestPki pki;
    private static TestPki.Issued ecClient;
    private static TestPki.Issued rsaClient;

    @TempDir
    Path dir;

    @BeforeAll
    static void issue() {
        pki = TestPki.newCa("key material CA");
        ecClient = pki.client("ec-client");
        rsaClient = pki.client("rsa-client", true);
    }

    private ProfileSettings pem(TestPki.Issued issued, Path key, String password) throws Exception {
        return ProfileSettings.builder("t").trustAnchors(pki.writeCa(dir.resolve("ca.pem")))
                .clientKey(issued.writeCertificate(dir.resolve("client.pem")), key, password).build();
    }

    private static TlsConfigException failure(ProfileSettings settings) {
        return assertThrows(TlsConfigException.class, () -> KeyMaterial.load(settings));
    }

    @Test
    void readsPkcs8() throws Exception {
        KeyMaterial material = KeyMaterial.load(pem(ecClient, ecClient.writeKeyPkcs8(dir.resolve("k.pem")), null));
        assertEquals(ecClient.key, material.clientKey());
        assertEquals(ecClient.chain, material.clientChain());
        assertEquals(1, material.trustAnchors().size());
    }

    @Test
    void readsPkcs1RsaKey() throws Exception {
        Path key = rsaClient.writeKeyTraditional(dir.resolve("rsa.pem"));
        assertTrue(Files.readString(key).contains("BEGIN RSA PRIVATE KEY"));
        assertEquals(rsaClient.key.getAlgorithm(), KeyMaterial.load(pem(rsaClient, key, null)).clientKey()
                .getAlgorithm());
    }

    @Test
    void readsSec1EcKey() throws Exception {
        Path key = ecClient.writeKeyTraditional(dir.resolve("ec.pem"));
        assertTrue(Files.readString(key).contains("BEGIN EC PRIVATE KEY"));
        assertNotNull(KeyMaterial.load(pem(ecClient, key, null)).clientKey());
    }

    @Test
    void readsEncryptedPkcs8WithItsPassword() throws Exception {
        Path key = ecClient.writeKeyEncryptedPkcs8(dir.resolve("enc.pem"), PASSWORD);
        assertTrue(Files.readString(key).contains("BEGIN ENCRYPTED PRIVATE KEY"));
        assertNotNull(KeyMaterial.load(pem(ecClient, key, PASSWORD)).clientKey());
    }

    @Test
    void wrongKeyPasswordIsNamed() throws Exception {
        Path key = rsaClient.writeKeyEncryptedPkcs8(dir.resolve("enc.pem"), PASSWORD);
        TlsConfigException e = failure(pem(rsaClient, key, "not-the-password"));
        assertEquals(".key.password", e.property());
        assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), "never the password itself");
    }

    @Test
    void encryptedKeyWithoutPasswordIsNamed() throws Exception {
        Path key = ecClient.writeKeyEncryptedPkcs8(dir.resolve("enc.pem"), PASSWORD);
        TlsConfigException e = failure(pem(ecClient, key, null));
        assertEquals(".key.password", e.property());
        assertTrue(e.getMessage().contains("is encrypted"), e.getMessage());
    }

    @Test
    void missingKeyFileIsNamed() throws Exception {
        TlsConfigException e = failure(pem(ecClient, dir.resolve("nowhere.pem"), null));
        assertEquals("private.key", e.property());
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("nowhere.pem"),
                e.getMessage());
    }

    @Test
    void folderInsteadOfKeyFileIsNamed() throws Exception {
        TlsConfigException e = failure(pem(ecClient, Files.createDirectory(dir.resolve("keys")), null));
        assertEquals("private.key", e.property());
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
    }

    @Test
    void keyOfAnotherCertificateIsNamed() throws Exception {
        TestPki.Issued other = pki.client("other");
        TlsConfigException e = failure(pem(ecClient, other.writeKeyPkcs8(dir.resolve("other.pem")), null));
        assertEquals("private.key", e.property());
        assertTrue(e.getMessage().contains("does not belong to the certificate 'CN=ec-client'"), e.getMessage());
    }

    @Test
    void keyOfAnotherTypeIsNamed() throws Exception {
        TlsConfigException e = failure(pem(ecClient, rsaClient.writeKeyPkcs8(dir.resolve("rsa.pem")), null));
        assertTrue(e.getMessage().contains("does not belong") && e.getMessage().contains("RSA key, EC"),
                e.getMessage());
    }

    @Test
    void malformedPemIsNamed() throws Exception {
        Path key = dir.resolve("broken.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nthis is @@ not base64\n-----END PRIVATE KEY-----\n");
        TlsConfigException e = failure(pem(ecClient, key, null));
        assertEquals("private.key", e.property());
        assertTrue(e.getMessage().contains("not well-formed PEM"), e.getMessage());
    }

    @Test
    void truncatedCertificateIsNamed() throws Exception {
        Path ca = pki.writeCa(dir.resolve("ca.pem"));
        String text = Files.readString(ca);
        Files.writeString(ca, text.substring(0, text.length() / 2), StandardCharsets.US_ASCII);
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> KeyMaterial.load(ProfileSettings.builder("t").trustAnchors(ca).build()));
        assertEquals("trust.anchors", e.property());
        assertTrue(e.getMessage().contains("not well-formed PEM"), e.getMessage());
    }

    @Test
    void fileWithoutPemIsNamed() throws Exception {
        Path ca = dir.resolve("empty.pem");
        Files.writeString(ca, "just some text\n");
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> KeyMaterial.load(ProfileSettings.builder("t").trustAnchors(ca).build()));
        assertTrue(e.getMessage().contains("holds no PEM certificate"), e.getMessage());
    }

    @Test
    void keyWhereCertificatesBelongIsNamed() throws Exception {
        Path ca = ecClient.writeKeyPkcs8(dir.resolve("ca.pem"));
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> KeyMaterial.load(ProfileSettings.builder("t").trustAnchors(ca).build()));
        assertEquals("trust.anchors", e.property());
        assertTrue(e.getMessage().contains("holds a private key where only PEM certificates"), e.getMessage());
    }

    @Test
    void readsABundleOfCas() throws Exception {
        TestPki second = TestPki.newCa("second CA");
        Path bundle = TestPki.writePem(dir.resolve("bundle.pem"), pki.ca().certificate, second.ca().certificate);
        assertEquals(2, KeyMaterial.load(ProfileSettings.builder("t").trustAnchors(bundle).build()).trustAnchors()
                .size());
    }

    @Test
    void readsPkcs12() throws Exception {
        Path store = rsaClient.writePkcs12(dir.resolve("client.p12"), PASSWORD);
        KeyMaterial material = KeyMaterial.load(ProfileSettings.builder("t").keystore(store, PASSWORD).build());
        assertEquals(rsaClient.certificate, material.clientChain().get(0));
        assertNotNull(material.clientKey());
    }

    @Test
    void wrongPkcs12PasswordIsNamed() throws Exception {
        Path store = ecClient.writePkcs12(dir.resolve("client.p12"), PASSWORD);
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> KeyMaterial.load(ProfileSettings.builder("t").keystore(store, "wrong").build()));
        assertEquals(".keystore.password", e.property());
        assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
    }
}
