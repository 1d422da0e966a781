/**
 * The MQTT client API: the {@link io.edgemqtt.api.MqttClient} service, immutable message and option values, results,
 * listeners and handlers. MQTT 3.1.1 and 5.0; everything MQTT 5 adds is ignored on a 3.1.1 connection unless said
 * otherwise.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.edgemqtt.api;
