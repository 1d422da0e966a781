package io.edgemqtt.tls.internal;

/** A profile that cannot work as configured: names the property and what is wrong with it, never a secret. */
public final class TlsConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String property;

    /**
     * @param property the configuration property at fault
     * @param problem what is wrong, in words a user can act on
     */
    public TlsConfigException(String property, String problem) {
        super(property + ": " + problem);
        this.property = property;
    }

    /**
     * @param property the configuration property at fault
     * @param problem what is wrong
     * @param cause the underlying failure (its message must not carry key material)
     */
    public TlsConfigException(String property, String problem, Throwable cause) {
        super(property + ": " + problem, cause);
        this.property = property;
    }

    /** @return the configuration property at fault */
    public String property() {
        return property;
    }
}
