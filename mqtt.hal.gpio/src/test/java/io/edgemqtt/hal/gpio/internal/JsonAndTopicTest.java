package io.edgemqtt.hal.gpio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonAndTopicTest {
    @Test
    void fieldsAreWrittenInOrderWithStringsEscaped() {
        String json = Json.object().field("s", "a\"b\\c\nd\u0001é°").field("n", 42L).field("b", true)
                .field("o", Json.object().field("x", 1.5)).field("z", (String) null).toString();
        assertEquals("{\"s\":\"a\\\"b\\\\c\\nd\\u0001é°\",\"n\":42,\"b\":true,\"o\":{\"x\":1.5},\"z\":null}", json);
        assertEquals("{}", Json.object().toString());
    }

    @ParameterizedTest
    @CsvSource({"21.5, 21.5", "21.0, 21", "-0.5, -0.5", "1005.56789, 1005.56789", "0.000012, 0.000012",
        "1.0E20, 100000000000000000000", "NaN, null", "Infinity, null"})
    void numbersArePlainJson(double value, String text) {
        assertEquals(text, Json.number(value));
    }

    @Test
    void templatesExpandKnownPlaceholders() throws ConfigException {
        TopicTemplate template = TopicTemplate.parse("topic", "a/{id}/{quantity}/{id}", Set.of("id", "quantity"));
        assertEquals("a/x/t/x", template.expand(Map.of("id", "x", "quantity", "t")));
        assertEquals("static", TopicTemplate.parse("topic", "static", Set.of()).expand(Map.of()));
    }

    @Test
    void templatesAreCheckedWhenConfigured() {
        for (String bad : List.of("", "a/+/b", "a/#", "a/{nope}", "a/{id", "a/id}")) {
            assertEquals("topic", assertThrows(ConfigException.class,
                    () -> TopicTemplate.parse("topic", bad, Set.of("id"))).property(), bad);
        }
    }

    @Test
    void anInvalidConfigurationIsOneLineNamingThePropertyAndProblem() {
        RecordingLogger log = new RecordingLogger();
        Components.logInvalid(log, "mqtt.gpio.sensor~a", new ConfigException("qos", "must be 0..2, was 3"));
        assertEquals(List.of("ERROR mqtt.gpio.sensor~a: invalid configuration: property 'qos' must be 0..2, was 3; "
                + "the component stays inactive"), log.lines);
        assertEquals(1, log.at(Level.ERROR).size());
    }
}
