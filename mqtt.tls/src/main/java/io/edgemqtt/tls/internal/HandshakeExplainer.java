package io.edgemqtt.tls.internal;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * Turns a failed handshake into a sentence a user can act on. Looks through the cause chain for, in this order: our
 * own diagnosis of the broker's certificate, an alert the broker sent (it refused our certificate or our versions),
 * an alert we sent for a reason the provider knows. Messages carry names, dates and property names only.
 */
final class HandshakeExplainer {
    private final String profile;
    private final boolean hasClientCertificate;
    private final List<String> protocols;

    HandshakeExplainer(String profile, boolean hasClientCertificate, List<String> protocols) {
        this.profile = profile;
        this.hasClientCertificate = hasClientCertificate;
        this.protocols = protocols;
    }

    Optional<String> explain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        TlsFatalAlertReceived received = null;
        TlsFatalAlert sent = null;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ServerCertificateException) {
                return Optional.of(prefix() + ((ServerCertificateException) t).explanation());
            }
            if (t instanceof TlsFatalAlertReceived && received == null) {
                received = (TlsFatalAlertReceived) t;
            }
            if (t instanceof TlsFatalAlert && sent == null) {
                sent = (TlsFatalAlert) t;
            }
            if (t instanceof CertificateExpiredException) {
                return Optional.of(prefix() + "the broker's certificate has expired (" + t.getMessage() + ")");
            }
            if (t instanceof CertificateNotYetValidException) {
                return Optional.of(prefix() + "the broker's certificate is not valid yet (" + t.getMessage()
                        + "); check this device's clock");
            }
            if (t instanceof CertPathValidatorException) {
                CertPathValidatorException.Reason reason = ((CertPathValidatorException) t).getReason();
                if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
                    return Optional.of(prefix() + "a certificate in the broker's chain has expired");
                }
                if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                    return Optional.of(prefix() + "a certificate in the broker's chain is not valid yet; check this"
                            + " device's clock");
                }
            }
        }
        if (received != null) {
            return Optional.of(prefix() + fromBroker(received.getAlertDescription()));
        }
        if (sent != null) {
            return fromUs(sent.getAlertDescription()).map(text -> prefix() + text);
        }
        return Optional.empty();
    }

    private String prefix() {
        return "TLS profile '" + profile + "': ";
    }

    private String fromBroker(short alert) {
        String name = AlertDescription.getText(alert);
        switch (alert) {
            case AlertDescription.certificate_required:
                return hasClientCertificate
                        ? "the broker requires a client certificate and did not accept this profile's (" + name + ")"
                        : "the broker requires a client certificate, and this profile has none: set"
                                + " 'certificate.chain' and 'private.key', or 'keystore' (" + name + ")";
            case AlertDescription.bad_certificate:
            case AlertDescription.unsupported_certificate:
            case AlertDescription.certificate_unknown:
            case AlertDescription.unknown_ca:
            case AlertDescription.certificate_revoked:
            case AlertDescription.certificate_expired:
            case AlertDescription.access_denied:
                return hasClientCertificate
                        ? "the broker rejected this profile's client certificate (" + name + ")"
                                + clientCertificateHint(alert)
                        : "the broker requires a client certificate, and this profile has none: set"
                                + " 'certificate.chain' and 'private.key', or 'keystore' (" + name + ")";
            case AlertDescription.handshake_failure:
                return hasClientCertificate
                        ? "the broker refused the handshake (" + name + "): it shares no cipher suite or signature"
                                + " algorithm with this profile, or it did not accept the client certificate"
                        : "the broker refused the handshake (" + name + "): most likely it requires a client"
                                + " certificate and this profile has none ('certificate.chain' and 'private.key', or"
                                + " 'keystore'); otherwise it shares no cipher suite with this profile";
            case AlertDescription.protocol_version:
                return "protocol version mismatch: the broker accepts none of the TLS versions this profile offers "
                        + protocols + " (" + name + "); change 'protocols'";
            case AlertDescription.insufficient_security:
                return "the broker accepts none of this profile's cipher suites (" + name + "); check"
                        + " 'cipher.suites'";
            case AlertDescription.no_application_protocol:
                return "the broker accepts none of this profile's ALPN protocol names (" + name + "); check 'alpn'";
            case AlertDescription.unrecognized_name:
                return "the broker does not know the host name sent in SNI (" + name + "); check the server URI or"
                        + " turn 'sni' off";
            default:
                return "the broker ended the handshake with the alert " + name;
        }
    }

    private static String clientCertificateHint(short alert) {
        switch (alert) {
            case AlertDescription.unknown_ca:
                return ": it does not trust the CA that issued it";
            case AlertDescription.certificate_expired:
                return ": it has expired";
            case AlertDescription.certificate_revoked:
                return ": it was revoked";
            default:
                return "";
        }
    }

    private Optional<String> fromUs(short alert) {
        String name = AlertDescription.getText(alert);
        switch (alert) {
            case AlertDescription.protocol_version:
                return Optional.of("protocol version mismatch: the broker only speaks TLS versions that this profile"
                        + " does not enable " + protocols + " (" + name + "); change 'protocols'");
            case AlertDescription.handshake_failure:
            case AlertDescription.insufficient_security:
                return Optional.of("this profile and the broker share no cipher suite or signature algorithm ("
                        + name + "); check 'cipher.suites' and 'protocols'");
            case AlertDescription.no_application_protocol:
                return Optional.of("the broker chose no ALPN protocol of this profile (" + name + ")");
            default:
                return Optional.empty();
        }
    }

    static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
