package io.edgemqtt.tls.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * The bundle's own Bouncy Castle provider instances. They are passed to every {@code getInstance} call and never
 * added to the JVM's provider list, so installing or stopping this bundle changes nothing for other code.
 */
final class BouncyCastle {
    private BouncyCastle() {
    }

    private static final class Holder {
        // created on first use: building the providers takes a moment, and a bundle without profiles needs neither
        static final Provider CRYPTO = new BouncyCastleProvider();
        static final Provider JSSE = new BouncyCastleJsseProvider(CRYPTO);
    }

    /** @return the cryptography provider (BC) */
    static Provider crypto() {
        return Holder.CRYPTO;
    }

    /** @return the TLS provider (BCJSSE) built on {@link #crypto()} */
    static Provider jsse() {
        return Holder.JSSE;
    }
}
