package io.edgemqtt.impl.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Filter matching with the examples of MQTT 5 section 4.7 plus edge cases of empty levels and '$' topics. */
class TopicMatcherTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        // 4.7.1.2 multi-level wildcard
        "sport/tennis/player1/#|sport/tennis/player1|true",
        "sport/tennis/player1/#|sport/tennis/player1/ranking|true",
        "sport/tennis/player1/#|sport/tennis/player1/score/wimbledon|true",
        "sport/#|sport|true",
        "#|sport/tennis|true",
        "#|/|true",
        "sport/tennis/#|sport/tennis|true",
        "sport/tennis/#|sport/tennisplayer|false",
        // 4.7.1.3 single-level wildcard
        "sport/tennis/+|sport/tennis/player1|true",
        "sport/tennis/+|sport/tennis/player2|true",
        "sport/tennis/+|sport/tennis/player1/ranking|false",
        "sport/+|sport|false",
        "sport/+|sport/|true",
        "+|sport|true",
        "+/+|/finance|true",
        "/+|/finance|true",
        "+|/finance|false",
        "+/tennis/#|sport/tennis/player1|true",
        "sport/+/player1|sport/tennis/player1|true",
        "sport/+/player1|sport/tennis/player2|false",
        // 4.7.2 topics beginning with $
        "#|$SYS|false",
        "#|$SYS/monitor/Clients|false",
        "+/monitor/Clients|$SYS/monitor/Clients|false",
        "$SYS/#|$SYS/monitor/Clients|true",
        "$SYS/monitor/+|$SYS/monitor/Clients|true",
        // literal levels
        "sport/tennis|sport/tennis|true",
        "sport/tennis|sport/tennis/|false",
        "sport/tennis|sport/tenni|false",
        "sport/tenni|sport/tennis|false",
        "Sport|sport|false",
        "a//b|a//b|true",
        "a/+/b|a//b|true",
        "finance/|finance/|true",
        "finance/|finance|false",
        "/|/|true",
        "zürich/+|zürich/温度|true",
        // shared subscriptions match like their filter
        "$share/group/sport/#|sport/tennis|true",
        "$share/group/+|$SYS|false",
        "$share/group/sport/+|sport|false",
        "$share/group|sport|false"
    })
    void matches(String filter, String topic, boolean expected) {
        assertEquals(expected, TopicMatcher.matches(filter, topic));
    }
}
