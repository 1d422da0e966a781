package io.edgemqtt.tls.internal;

import io.edgemqtt.api.spi.TransportSecurity;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** A TLS profile on Bouncy Castle's JSSE provider: one SSL context, engines configured from the settings. */
final class BcTransportSecurity implements TransportSecurity {
    private final ProfileSettings settings;
    private final SSLContext context;
    private final HandshakeExplainer explainer;
    private final String[] protocols;
    private final String[] cipherSuites;

    private BcTransportSecurity(ProfileSettings settings, SSLContext context, String[] protocols,
            String[] cipherSuites) {
        this.settings = settings;
        this.context = context;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
        this.explainer = new HandshakeExplainer(settings.name(), settings.hasClientCertificate(),
                settings.protocols());
    }

    /**
     * Reads the files and builds the context.
     *
     * @param settings the profile
     * @return the profile, ready to create engines
     * @throws TlsConfigException naming the property at fault
     */
    static BcTransportSecurity create(ProfileSettings settings) throws TlsConfigException {
        KeyMaterial material = KeyMaterial.load(settings);
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS", BouncyCastle.jsse());
            context.init(keyManagers(material), trustManagers(settings, material),
                    SecureRandom.getInstance("DEFAULT", BouncyCastle.crypto()));
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(settings.trustAnchors().isPresent() ? ProfileSettings.TRUST_ANCHORS
                    : ProfileSettings.NAME, "cannot set up TLS: " + e.getMessage(), e);
        }
        SSLParameters supported = context.getSupportedSSLParameters();
        String[] protocols = checkedSubset(ProfileSettings.PROTOCOLS, settings.protocols(), supported.getProtocols());
        String[] suites = settings.cipherSuites().isEmpty() ? null
                : checkedSubset(ProfileSettings.CIPHER_SUITES, settings.cipherSuites(), supported.getCipherSuites());
        return new BcTransportSecurity(settings, context, protocols, suites);
    }

    private static String[] checkedSubset(String property, List<String> wanted, String[] supported)
            throws TlsConfigException {
        List<String> known = Arrays.asList(supported);
        List<String> unknown = new ArrayList<>();
        for (String name : wanted) {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new TlsConfigException(property, "not supported: " + unknown + (property.equals(
                    ProfileSettings.PROTOCOLS) ? "; supported are " + known : ""));
        }
        return wanted.toArray(new String[0]);
    }

    private static KeyManager[] keyManagers(KeyMaterial material) throws GeneralSecurityException {
        if (material.clientKey() == null) {
            return null;
        }
        // An in-memory store with a throw-away password: the provider's key manager picks the key for the handshake.
        char[] password = "in-memory".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12", BouncyCastle.crypto());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        store.setKeyEntry("client", material.clientKey(), password,
                material.clientChain().toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", BouncyCastle.jsse());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(ProfileSettings settings, KeyMaterial material)
            throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", BouncyCastle.jsse());
        String source;
        if (material.trustAnchors() == null) {
            factory.init((KeyStore) null); // the Java runtime's CAs
            source = "the Java runtime's default CAs";
        } else {
            KeyStore store = KeyStore.getInstance("PKCS12", BouncyCastle.crypto());
            try {
                store.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            int i = 0;
            for (X509Certificate anchor : material.trustAnchors()) {
                store.setCertificateEntry("anchor-" + i++, anchor);
            }
            factory.init(store);
            source = material.trustAnchors().size() + " certificate(s) in " + settings.trustAnchors().get();
        }
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager) {
                return new TrustManager[] {
                    new DiagnosingTrustManager((X509ExtendedTrustManager) manager, source,
                            settings.hostnameVerification())
                };
            }
        }
        throw new GeneralSecurityException("the TLS provider offers no X.509 trust manager");
    }

    @Override
    public String profileName() {
        return settings.name();
    }

    @Override
    public SSLEngine createEngine(String host, int port) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        SSLEngine engine = context.createSSLEngine(bare, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols);
        if (cipherSuites != null) {
            parameters.setCipherSuites(cipherSuites);
        }
        if (settings.hostnameVerification()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        List<SNIServerName> serverNames = new ArrayList<>();
        if (settings.sni() && !DiagnosingTrustManager.isIpLiteral(bare)) {
            serverNames.add(new SNIHostName(bare));
        }
        parameters.setServerNames(serverNames); // empty: none, also when the provider would derive one from the host
        if (!settings.alpn().isEmpty()) {
            parameters.setApplicationProtocols(settings.alpn().toArray(new String[0]));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    @Override
    public SSLContext sslContext() {
        return context;
    }

    @Override
    public Optional<String> explain(Throwable failure) {
        return explainer.explain(failure);
    }

    ProfileSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
