/**
 * The subscription whiteboard: register an {@link io.edgemqtt.api.MessageHandler} service with {@link
 * io.edgemqtt.api.whiteboard.MqttSubscription} properties and the engine subscribes for it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.edgemqtt.api.whiteboard;
