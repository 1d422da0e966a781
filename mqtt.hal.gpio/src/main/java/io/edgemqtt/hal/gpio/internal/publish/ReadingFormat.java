package io.edgemqtt.hal.gpio.internal.publish;

import io.edgemqtt.hal.gpio.api.Quality;
import io.edgemqtt.hal.gpio.api.Reading;
import io.edgemqtt.hal.gpio.internal.Json;
import io.edgemqtt.hal.gpio.internal.TopicTemplate;
import java.util.Map;
import java.util.Set;

/** Turns a reading into a topic and a payload. Immutable. */
abstract class ReadingFormat {
    /** The placeholders topic templates may use. */
    static final Set<String> PLACEHOLDERS = Set.of("id", "quantity");

    /**
     * @param reading the reading
     * @return the topic to publish it on
     */
    abstract String topic(Reading reading);

    /**
     * @param reading the reading
     * @return the payload, UTF-8 JSON
     */
    abstract String payload(Reading reading);

    /**
     * The default format: the topic from a template, the payload {@code {"ts":<epoch ms>,"value":<number or
     * null>,"unit":"...","quality":"GOOD"}}, plus {@code "reason"} when the quality is not GOOD.
     *
     * @param topic the topic template
     * @return the format
     */
    static ReadingFormat json(TopicTemplate topic) {
        return new ReadingFormat() {
            @Override
            String topic(Reading reading) {
                return topic.expand(placeholders(reading));
            }

            @Override
            String payload(Reading reading) {
                Json json = Json.object().field("ts", reading.timestamp().toEpochMilli());
                return valueFields(json, reading).toString();
            }
        };
    }

    /**
     * IBM Watson IoT Platform device events: topic {@code iot-2/evt/<event>/fmt/json}, payload {@code
     * {"d":{"id":...,"quantity":...,"value":...,"unit":...,"quality":...},"ts":"<ISO 8601>"}}.
     *
     * @param event the event id template, for example {@code {quantity}} or {@code status}
     * @return the format
     */
    static ReadingFormat ibm(TopicTemplate event) {
        return new ReadingFormat() {
            @Override
            String topic(Reading reading) {
                return "iot-2/evt/" + event.expand(placeholders(reading)) + "/fmt/json";
            }

            @Override
            String payload(Reading reading) {
                Json d = Json.object().field("id", reading.sensorId()).field("quantity", reading.quantity());
                return Json.object().field("d", valueFields(d, reading))
                        .field("ts", reading.timestamp().toString()).toString();
            }
        };
    }

    private static Map<String, String> placeholders(Reading reading) {
        return Map.of("id", reading.sensorId(), "quantity", reading.quantity());
    }

    private static Json valueFields(Json json, Reading reading) {
        json.field("value", reading.value()).field("unit", reading.unit())
                .field("quality", reading.quality().name());
        if (reading.quality() != Quality.GOOD) {
            json.field("reason", reading.reason().orElse(""));
        }
        return json;
    }
}
