package io.edgemqtt.impl.interop;

import io.edgemqtt.api.Qos;
import io.edgemqtt.impl.engine.Mqtt5FeaturesContract;
import io.edgemqtt.impl.testing.MosquittoExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Mqtt5FeaturesContract} against Mosquitto (default settings, plus the fixture's usual ones). */
class Mqtt5FeaturesInteropTest extends Mqtt5FeaturesContract {
    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    @Override
    protected boolean sendsDisconnectOnTakeover() {
        return false; // 2.0.11 logs "already connected, closing old connection" and closes it without DISCONNECT
    }

    @Override
    protected Qos receiveMaximumQos(int receiveMaximum) {
        return receiveMaximum > 1 ? Qos.AT_LEAST_ONCE : Qos.EXACTLY_ONCE;
    }

    @Override
    protected String uri() {
        return MOSQUITTO.uri();
    }

    @Override
    protected String host() {
        return MOSQUITTO.broker().host();
    }

    @Override
    protected int port() {
        return MOSQUITTO.port();
    }
}
