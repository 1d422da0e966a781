package io.edgemqtt.tls.internal;

import java.security.cert.CertificateException;

/**
 * The broker's certificate was refused, with the reason worked out by {@link DiagnosingTrustManager}. It travels
 * through the TLS stack as the cause of the handshake failure, where {@link HandshakeExplainer} finds it.
 */
final class ServerCertificateException extends CertificateException {
    private static final long serialVersionUID = 1L;

    /** Why the certificate was refused. */
    enum Reason {
        UNTRUSTED, EXPIRED, NOT_YET_VALID, HOSTNAME_MISMATCH, OTHER
    }

    private final Reason reason;
    private final String explanation;

    ServerCertificateException(Reason reason, String explanation, Throwable cause) {
        super(explanation, cause);
        this.reason = reason;
        this.explanation = explanation;
    }

    Reason reason() {
        return reason;
    }

    /** @return the words for the user: certificate subjects, dates, names; never key material */
    String explanation() {
        return explanation;
    }
}
