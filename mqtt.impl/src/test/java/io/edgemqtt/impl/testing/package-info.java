/**
 * Broker fixtures for the engine and interop tests (test sources only, never part of the bundle).
 *
 * <ul>
 * <li>{@link io.edgemqtt.impl.testing.HiveMqBroker}: HiveMQ CE embedded in the test JVM (MQTT 3.1.1 and 5), one shared
 * instance per JVM, started lazily, stopped when the test run ends. Use it through
 * {@link io.edgemqtt.impl.testing.HiveMqExtension} or {@code HiveMqBroker.shared()}.</li>
 * <li>{@link io.edgemqtt.impl.testing.MosquittoBroker}: a real {@code mosquitto} process with a generated configuration
 * (see {@link io.edgemqtt.impl.testing.MosquittoConfig}) on its own loopback port, stoppable, killable and restartable.
 * Use it through {@link io.edgemqtt.impl.testing.MosquittoExtension} (one broker per test class).</li>
 * <li>{@link io.edgemqtt.impl.testing.InteropRequirement}: interop tests (classes named {@code *InteropTest} or tagged
 * {@code interop}) are skipped when mosquitto is missing, and fail instead when {@code -Dmqtt.interop.required=true}.</li>
 * </ul>
 */
package io.edgemqtt.impl.testing;
