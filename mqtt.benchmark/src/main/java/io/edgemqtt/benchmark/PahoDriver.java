package io.edgemqtt.benchmark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Eclipse Paho mqttv3 1.2.5, {@link MqttAsyncClient} with in-memory persistence and the same in-flight window. */
final class PahoDriver implements Driver {
    private final int port;
    private final int window;

    PahoDriver(int port, int window) {
        this.port = port;
        this.window = window;
    }

    @Override
    public Connection connect(String clientId, Receiver receiver) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(window);
        options.setKeepAliveInterval(60);
        options.setSocketFactory(new NoDelaySocketFactory());
        if (receiver != null) {
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {}

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    receiver.received(ByteBuffer.wrap(message.getPayload()));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {}
            });
        }
        client.connect(options).waitForCompletion(10_000);
        return new Connection() {
            @Override
            public void subscribe(String filter, int qos) throws Exception {
                client.subscribe(filter, qos).waitForCompletion(10_000);
            }

            @Override
            public void publish(String topic, byte[] payload, int qos, Completion done) {
                try {
                    client.publish(topic, payload, qos, false, null, new IMqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            done.completed(null);
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable failure) {
                            done.completed(failure);
                        }
                    });
                } catch (Exception e) {
                    done.completed(e);
                }
            }

            @Override
            public void close() {
                try {
                    client.disconnect().waitForCompletion(5_000);
                } catch (Exception e) {
                    // closing anyway
                }
                try {
                    client.close();
                } catch (Exception e) {
                    // best effort
                }
            }
        };
    }

    /** Paho takes its sockets from a factory: this one turns Nagle off, like the other clients. */
    private static final class NoDelaySocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            Socket socket = new Socket(host, port, local, localPort);
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            Socket socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            Socket socket = new Socket(host, port, local, localPort);
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
