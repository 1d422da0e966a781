package io.edgemqtt.impl.client;

import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.MqttVersion;

import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.Subscription;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** MQTT 5 request/response on top of publish and subscribe: correlation data ties the answer to the request. */
final class RequestResponse {
    private RequestResponse() {}

    static CompletionStage<MqttMessage> request(MqttClient client, MqttMessage request, Duration timeout,
            Executor executor) {
        CompletableFuture<MqttMessage> response = new CompletableFuture<>();
        if (client.options().protocolVersion() != MqttVersion.V5) {
            response.completeExceptionally(new MqttException(ReasonCode.UNSPECIFIED_ERROR,
                    "request/response needs MQTT 5 (response topic and correlation data); this client speaks 3.1.1"));
            return response;
        }
        String responseTopic = request.responseTopic().orElseGet(() -> uniqueResponseTopic(client));
        byte[] correlation = UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        client.subscribe(Subscription.builder(responseTopic).qos(request.qos()).build(), message -> {
            if (message.correlationData().map(data -> sameBytes(data, correlation)).orElse(false)) {
                response.complete(message);
            }
        }).thenCompose(subscribed -> client.publish(request.toBuilder()
                .responseTopic(responseTopic)
                .correlationData(correlation)
                .build())).whenComplete((published, failure) -> {
                    if (failure != null) {
                        response.completeExceptionally(failure instanceof java.util.concurrent.CompletionException
                                ? failure.getCause() : failure);
                    }
                });
        response.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenCompleteAsync((message, failure) -> {
            client.unsubscribe(responseTopic);
        }, executor);
        return response.exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                failure instanceof TimeoutException
                        ? new MqttException(ReasonCode.UNSPECIFIED_ERROR, "no response on " + responseTopic
                                + " within " + timeout, failure)
                        : failure));
    }

    private static String uniqueResponseTopic(MqttClient client) {
        String prefix = client.connection().flatMap(c -> c.responseInformation()).orElse("edgemqtt/response/"
                + client.connection().map(c -> c.clientIdentifier()).orElse(client.name()));
        return prefix + "/" + UUID.randomUUID();
    }

    private static boolean sameBytes(ByteBuffer data, byte[] expected) {
        byte[] actual = new byte[data.remaining()];
        data.duplicate().get(actual);
        return Arrays.equals(actual, expected);
    }

}
