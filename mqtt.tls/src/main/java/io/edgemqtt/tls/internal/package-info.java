/**
 * TLS profiles on Bouncy Castle (factory PID {@code mqtt.tls}), registered as the API's
 * {@link io.edgemqtt.api.spi.TransportSecurity} service. Internal: not exported.
 */
package io.edgemqtt.tls.internal;
