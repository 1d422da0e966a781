package io.edgemqtt.tls.internal;

import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Lets the provider's trust manager decide, and when it refuses the broker's certificate works out why (not signed by
 * a trust anchor, expired, not yet valid, issued for another host) so that the failure can be explained in plain
 * words instead of a certification path error.
 */
final class DiagnosingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final String anchorSource;
    private final boolean hostnameVerification;

    /**
     * @param delegate the provider's PKIX trust manager, which decides
     * @param anchorSource where the trust anchors come from, for messages (a file, or the Java runtime's CAs)
     * @param hostnameVerification whether host names are checked (for the diagnosis only; the delegate checks)
     */
    DiagnosingTrustManager(X509ExtendedTrustManager delegate, String anchorSource, boolean hostnameVerification) {
        this.delegate = delegate;
        this.anchorSource = anchorSource;
        this.hostnameVerification = hostnameVerification;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw diagnose(chain, engine == null ? null : engine.getPeerHost(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            String host = socket == null || socket.getInetAddress() == null ? null
                    : socket.getInetAddress().getHostName();
            throw diagnose(chain, host, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw diagnose(chain, null, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    ServerCertificateException diagnose(X509Certificate[] chain, String host, CertificateException failure) {
        if (chain == null || chain.length == 0) {
            return new ServerCertificateException(ServerCertificateException.Reason.OTHER,
                    "the broker sent no certificate", failure);
        }
        X509Certificate leaf = chain[0];
        String subject = "'" + leaf.getSubjectX500Principal().getName() + "'";
        if (!chainsToAnchor(chain)) {
            X509Certificate top = chain[chain.length - 1];
            return new ServerCertificateException(ServerCertificateException.Reason.UNTRUSTED,
                    "the broker's certificate " + subject + " is not trusted: it was issued by '"
                            + top.getIssuerX500Principal().getName() + "', which is not among the trust anchors ("
                            + anchorSource + "). Add that CA's certificate to 'trust.anchors'.",
                    failure);
        }
        Date now = new Date();
        for (X509Certificate certificate : chain) {
            String which = certificate == leaf ? "the broker's certificate " + subject
                    : "the CA certificate '" + certificate.getSubjectX500Principal().getName() + "' in the broker's chain";
            try {
                certificate.checkValidity(now);
            } catch (CertificateExpiredException e) {
                return new ServerCertificateException(ServerCertificateException.Reason.EXPIRED,
                        which + " has expired: it was valid until " + instant(certificate.getNotAfter())
                                + ". The broker needs a renewed certificate (or check this device's clock).",
                        failure);
            } catch (CertificateNotYetValidException e) {
                return new ServerCertificateException(ServerCertificateException.Reason.NOT_YET_VALID,
                        which + " is not valid yet: it is valid from " + instant(certificate.getNotBefore())
                                + ". Check this device's clock.",
                        failure);
            }
        }
        if (hostnameVerification && host != null && !matchesHost(leaf, host)) {
            return new ServerCertificateException(ServerCertificateException.Reason.HOSTNAME_MISMATCH,
                    "host name mismatch: the broker's certificate " + subject + " is for " + names(leaf)
                            + ", not for '" + host + "'. Use a server URI with one of those names, or give the broker"
                            + " a certificate for '" + host + "'.",
                    failure);
        }
        return new ServerCertificateException(ServerCertificateException.Reason.OTHER,
                "the broker's certificate " + subject + " was refused: " + failure.getMessage(), failure);
    }

    private boolean chainsToAnchor(X509Certificate[] chain) {
        X509Certificate[] anchors = delegate.getAcceptedIssuers();
        for (X509Certificate certificate : chain) {
            for (X509Certificate anchor : anchors) {
                if (certificate.equals(anchor)) {
                    return true;
                }
                if (certificate.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())) {
                    try {
                        certificate.verify(anchor.getPublicKey(), BouncyCastle.crypto());
                        return true;
                    } catch (Exception e) {
                        // same name, different key: not this anchor
                    }
                }
            }
        }
        return false;
    }

    static boolean matchesHost(X509Certificate certificate, String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        boolean ip = isIpLiteral(wanted);
        for (List<?> san : subjectAltNames(certificate)) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
            if (ip && type == 7 && sameAddress(value, wanted)) {
                return true;
            }
            if (!ip && type == 2 && dnsMatches(value, wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b)); // literals only: no name lookup
        } catch (java.net.UnknownHostException e) {
            return a.equals(b);
        }
    }

    private static boolean dnsMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(host);
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static String names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        for (List<?> san : subjectAltNames(certificate)) {
            int type = (Integer) san.get(0);
            if (type == 2 || type == 7) {
                names.add("'" + san.get(1) + "'");
            }
        }
        return names.isEmpty() ? "no host name (it has no subject alternative names)" : String.join(", ", names);
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String instant(Date date) {
        return Instant.ofEpochMilli(date.getTime()).toString();
    }
}
