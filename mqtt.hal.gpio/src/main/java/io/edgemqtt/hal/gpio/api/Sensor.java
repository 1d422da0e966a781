package io.edgemqtt.hal.gpio.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A device that measures one or more quantities, registered as an OSGi service with the {@link HalProperties}.
 *
 * <p>{@link #read()} never throws: a device that fails, disappears or answers with garbage gives {@link Quality#BAD}
 * readings whose reason says what happened, so a consumer always has something to show and to publish. Reading may
 * block briefly (a DS18B20 conversion takes up to 750 ms, a DHT11 read is retried after a transient error).
 */
@ProviderType
public interface Sensor {
    /** @return the sensor's identifier, the value of its {@value HalProperties#ID} service property */
    String id();

    /** @return the quantities {@link #read()} returns, in that order (see {@link Quantities}) */
    List<String> quantities();

    /**
     * Measures every quantity of the sensor once.
     *
     * @return one reading per entry of {@link #quantities()}, in that order; failures are {@link Quality#BAD}
     *     readings, never exceptions
     */
    List<Reading> read();
}
