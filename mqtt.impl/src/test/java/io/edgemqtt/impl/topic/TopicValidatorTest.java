package io.edgemqtt.impl.topic;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Topic names and filters, with the spec's examples (MQTT 5 section 4.7 and 4.8). */
class TopicValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"sport/tennis/player1", "/finance", "finance/", "/", "//", "$SYS/monitor/Clients",
        "zürich/温度/😀", " "})
    void acceptsTopicNames(String topic) {
        assertDoesNotThrow(() -> TopicValidator.validateTopicName(topic));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|[MQTT-4.7.3-1]",
        "sport/+|[MQTT-3.3.2-2]",
        "sport/#|[MQTT-3.3.2-2]",
        "sport+|[MQTT-3.3.2-2]",
        "a\u0000b|[MQTT-4.7.3-2]",
        "bad\uD800|[MQTT-1.5.4-1]"
    })
    void refusesTopicNames(String topic, String rule) {
        MqttException e = assertThrows(MqttException.class, () -> TopicValidator.validateTopicName(topic));
        assertEquals(ReasonCode.TOPIC_NAME_INVALID, e.reasonCode());
        assertTrue(e.getMessage().startsWith(rule), e.getMessage());
    }

    @Test
    void allowsAnEmptyTopicNameWithAnAlias() {
        assertDoesNotThrow(() -> TopicValidator.validateTopicName("", true));
    }

    @Test
    void refusesATopicLongerThan65535Bytes() {
        MqttException e = assertThrows(MqttException.class,
                () -> TopicValidator.validateTopicName("ü".repeat(32_768)));
        assertTrue(e.getMessage().startsWith("[MQTT-4.7.3-3]"), e.getMessage());
        assertDoesNotThrow(() -> TopicValidator.validateTopicName("a".repeat(65_535)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sport/tennis/player1/#", "sport/#", "#", "+", "+/tennis/#", "sport/+/player1", "+/+",
        "/+", "sport/tennis/#", "$SYS/#", "$share/group/sport/#", "$share/g/+", "$share/g//", "a//b", "/"})
    void acceptsTopicFilters(String filter) {
        assertDoesNotThrow(() -> TopicValidator.validateTopicFilter(filter));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|[MQTT-4.7.3-1]",
        "sport/tennis#|[MQTT-4.7.1-1]",
        "sport/tennis/#/ranking|[MQTT-4.7.1-1]",
        "##|[MQTT-4.7.1-1]",
        "sport+|[MQTT-4.7.1-2]",
        "sport/+tennis|[MQTT-4.7.1-2]",
        "++|[MQTT-4.7.1-2]",
        "$share//sport|[MQTT-4.8.2-1]",
        "$share/|[MQTT-4.8.2-1]",
        "$share/gr+oup/sport|[MQTT-4.8.2-2]",
        "$share/#/sport|[MQTT-4.8.2-2]",
        "$share/group|[MQTT-4.8.2-2]",
        "$share/group/|[MQTT-4.8.2-2]",
        "$share/group/sport#|[MQTT-4.7.1-1]",
        "a\u0000b/#|[MQTT-4.7.3-2]"
    })
    void refusesTopicFilters(String filter, String rule) {
        MqttException e = assertThrows(MqttException.class, () -> TopicValidator.validateTopicFilter(filter));
        assertEquals(ReasonCode.TOPIC_FILTER_INVALID, e.reasonCode());
        assertTrue(e.getMessage().startsWith(rule), e.getMessage());
    }
}
