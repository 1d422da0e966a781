package io.edgemqtt.benchmark.codec;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.Qos;
import io.edgemqtt.impl.codec.MqttPacket;
import io.edgemqtt.impl.codec.Publish;
import io.edgemqtt.impl.codec.decoder.PacketDecoder;
import io.edgemqtt.impl.codec.encoder.PacketEncoder;
import io.edgemqtt.impl.codec.encoder.PublishEncoder;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode of one MQTT 3.1.1 PUBLISH (QoS 1) at 64 B and 16 KiB, the way the engine calls the codec:
 * {@code engineSend} sizes then encodes (as {@code MqttConnection.send} does below 4 KiB), {@code engineSendHeader}
 * sizes and encodes the header only (its zero-copy path for large payloads), {@code decode} frames and decodes one
 * packet from a heap buffer (payload copied into the message, as on the read path).
 *
 * <p>Run: {@code java -cp mqtt.benchmark.jar:lib/edge/*:lib/jmh/* org.openjdk.jmh.Main PublishCodecBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PublishCodecBenchmark {
    private static final MqttVersion VERSION = MqttVersion.V3_1_1;

    @Param({"64", "16384"})
    public int payloadSize;

    private Publish publish;
    private ByteBuffer out;
    private ByteBuffer encoded;
    private PacketDecoder decoder;

    @Setup
    public void setUp() {
        MqttMessage message = MqttMessage.of("bench/plant/line1/sensor/42", new byte[payloadSize], Qos.AT_LEAST_ONCE);
        publish = Publish.of(message, 4711);
        out = ByteBuffer.allocate(payloadSize + 256);
        encoded = ByteBuffer.allocate(PublishEncoder.size(publish, VERSION));
        PublishEncoder.encode(publish, VERSION, encoded);
        encoded.flip();
        decoder = new PacketDecoder(VERSION, 0);
    }

    @Benchmark
    public int encode() {
        out.clear();
        return PublishEncoder.encode(publish, VERSION, out);
    }

    @Benchmark
    public int engineSend() {
        out.clear();
        int size = PacketEncoder.size(publish, VERSION);
        return size + PacketEncoder.encode(publish, VERSION, out);
    }

    @Benchmark
    public int engineSendHeader() {
        out.clear();
        int size = PublishEncoder.headerSize(publish, VERSION);
        return size + PublishEncoder.encodeHeader(publish, VERSION, out);
    }

    @Benchmark
    public MqttPacket decode() {
        encoded.position(0);
        return decoder.decode(encoded);
    }
}
