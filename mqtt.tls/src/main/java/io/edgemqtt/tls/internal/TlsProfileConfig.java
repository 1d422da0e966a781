package io.edgemqtt.tls.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Factory PID {@code mqtt.tls}: one TLS profile per configuration ({@code conf/mqtt.tls-NAME.cfg}). */
@ObjectClassDefinition(
        id = TlsProfileComponent.PID,
        name = "MQTT TLS profile",
        description = "Transport security for ssl:// and mqtts:// brokers: trust anchors, client certificate, protocols."
                + " A client configuration selects a profile by its name.")
@interface TlsProfileConfig {

    @AttributeDefinition(name = "Profile name", required = false,
            description = "The name clients select (service property mqtt.tls.profile). Default: the part of the"
                    + " configuration's PID after '~' (the NAME of mqtt.tls-NAME.cfg), else the PID.")
    String name() default "";

    @AttributeDefinition(name = "Trust anchors", required = false,
            description = "PEM file with the CA certificate(s) that may sign the broker's certificate (one CA or a"
                    + " bundle). Empty: the Java runtime's default CAs.")
    String trust_anchors() default "";

    @AttributeDefinition(name = "Client certificate chain", required = false,
            description = "PEM file with the client certificate, optionally followed by its intermediate CAs"
                    + " (mutual TLS). Goes with 'private.key'.")
    String certificate_chain() default "";

    @AttributeDefinition(name = "Client private key", required = false,
            description = "PEM file with the client's private key: PKCS#1, SEC1, PKCS#8, or encrypted PKCS#8 with"
                    + " '.key.password'.")
    String private_key() default "";

    @AttributeDefinition(name = "Private key password", type = AttributeType.PASSWORD, required = false,
            description = "Password of an encrypted private key. Private: never logged, never a service property.")
    String _key_password() default "";

    @AttributeDefinition(name = "PKCS#12 key store", required = false,
            description = "Instead of 'certificate.chain' and 'private.key': a PKCS#12 file with the client's key"
                    + " and certificate chain, opened with '.keystore.password'.")
    String keystore() default "";

    @AttributeDefinition(name = "Key store password", type = AttributeType.PASSWORD, required = false,
            description = "Password of the PKCS#12 key store (and of its key). Private.")
    String _keystore_password() default "";

    @AttributeDefinition(name = "Protocols", cardinality = 10,
            description = "TLS versions offered, most preferred first (comma-separated in a .cfg file).")
    String[] protocols() default {"TLSv1.3", "TLSv1.2"};

    @AttributeDefinition(name = "Cipher suites", cardinality = 100, required = false,
            description = "Cipher suites offered (IANA names). Empty: the provider's defaults.")
    String[] cipher_suites() default {};

    @AttributeDefinition(name = "Server name indication",
            description = "Send the broker's host name (from the server URI) in the handshake (SNI).")
    boolean sni() default true;

    @AttributeDefinition(name = "ALPN protocols", cardinality = 10, required = false,
            description = "Application protocol names to offer (ALPN), e.g. 'mqtt' or 'x-amzn-mqtt-ca' for some cloud"
                    + " brokers on port 443. Empty: no ALPN.")
    String[] alpn() default {};

    @AttributeDefinition(name = "Verify host name",
            description = "Check that the broker's certificate names the host of the server URI (endpoint"
                    + " identification HTTPS). Turn off only for testing.")
    boolean hostname_verification() default true;
}
