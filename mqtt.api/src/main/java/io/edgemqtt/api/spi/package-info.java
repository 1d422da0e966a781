/**
 * Service provider interfaces of the MQTT engine: transport security ({@link io.edgemqtt.api.spi.TransportSecurity},
 * provided by the {@code mqtt.tls} bundle), session persistence ({@link io.edgemqtt.api.spi.SessionStore}) and MQTT 5
 * enhanced authentication ({@link io.edgemqtt.api.spi.EnhancedAuthenticator}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.edgemqtt.api.spi;
