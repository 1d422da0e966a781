package io.edgemqtt.impl.engine;

import io.edgemqtt.impl.testing.HiveMqBroker;
import io.edgemqtt.impl.testing.HiveMqExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link Mqtt5FeaturesContract} against HiveMQ CE embedded (the shared broker, default settings). */
@ExtendWith(HiveMqExtension.class)
class Mqtt5FeaturesTest extends Mqtt5FeaturesContract {
    @Override
    protected String uri() {
        return HiveMqBroker.shared().uri();
    }

    @Override
    protected String host() {
        return HiveMqBroker.shared().host();
    }

    @Override
    protected int port() {
        return HiveMqBroker.shared().port();
    }
}
