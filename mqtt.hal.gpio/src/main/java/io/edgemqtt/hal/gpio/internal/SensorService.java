package io.edgemqtt.hal.gpio.internal;

import io.edgemqtt.hal.gpio.api.HalProperties;
import io.edgemqtt.hal.gpio.api.Sensor;
import java.util.HashMap;
import java.util.Map;

/**
 * The one {@link Sensor} service of a sensor component, registered by the component once its configuration and its
 * device proved usable (see {@link ServiceRegistrar} for why not by DS) and unregistered when it deactivates. The
 * {@link HalProperties#ID} and {@link HalProperties#QUANTITIES} properties are taken from the sensor itself, so they
 * cannot disagree with what it reads.
 */
public final class SensorService {
    private ServiceRegistrar.Registration registration;
    private Sensor sensor;

    /**
     * @param registrar registers the service
     * @param sensor the sensor
     * @param type the value of {@link HalProperties#TYPE}, for example {@code hwmon}
     * @param extra further service properties of this kind of sensor, for example the device it reads
     */
    public void register(ServiceRegistrar registrar, Sensor sensor, String type, Map<String, ?> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put(HalProperties.ID, sensor.id());
        properties.put(HalProperties.TYPE, type);
        properties.put(HalProperties.QUANTITIES, sensor.quantities().toArray(new String[0]));
        this.sensor = sensor;
        registration = registrar.register(new Class<?>[] {Sensor.class}, sensor, properties);
    }

    /** Unregisters the service, if it was registered. */
    public void close() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }

    /** @return the sensor registered, null if none was; it stays after {@link #close()}, for tests */
    public Sensor sensor() {
        return sensor;
    }
}
