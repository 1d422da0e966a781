package io.edgemqtt.hal.gpio.internal.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandTest {
    static final Set<String> ON = Set.of("1", "on", "true", "high");
    static final Set<String> OFF = Set.of("0", "off", "false", "low");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "1|true", "0|false", "on|true", "OFF|false", "True|true", "false|false", "' on '|true", "high|true",
        "{\"value\":1}|true", "{\"value\":0}|false", "{\"value\": true}|true", "{\"value\":false}|false",
        "{\"value\":\"on\"}|true", "{ \"value\" : \"Off\" }|false", "{\"value\":1.0}|true",
    })
    void acceptedPayloads(String payload, boolean level) {
        Command command = Command.parse(payload, ON, OFF);
        assertEquals(level, command.level());
        assertEquals(Optional.empty(), command.id());
    }

    @Test
    void aJsonPayloadMayNameTheOutput() {
        Command command = Command.parse("{\"id\":\"relay1\",\"value\":\"on\",\"note\":null}", ON, OFF);
        assertEquals(Optional.of("relay1"), command.id());
        assertTrue(command.level());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "maybe", "{\"value\":2}", "{\"value\":0.5}", "{\"state\":1}", "{\"value\":1",
        "{\"value\":{\"x\":1}}", "{\"value\":[1]}", "{\"id\":5,\"value\":1}", "{\"value\":1} x", "{value:1}",
        "{\"value\":null}"})
    void refusedPayloads(String payload) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Command.parse(payload, ON, OFF));
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
    }

    @Test
    void theRefusalSaysWhatIsAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Command.parse("maybe", Set.of("on"), Set.of("off")));
        assertEquals("'maybe' is not one of on [on] or off [off]", e.getMessage());
    }

    @Test
    void longOrBinaryPayloadsAreAbbreviatedInMessages() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> Command.parse("x".repeat(100) + "\u0007", ON, OFF)).getMessage();
        assertTrue(message.contains("x".repeat(40) + "..."), message);
        assertTrue(Command.abbreviate("a\u0007b").equals("a?b"));
    }
}
