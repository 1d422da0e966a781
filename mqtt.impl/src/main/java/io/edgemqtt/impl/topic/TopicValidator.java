package io.edgemqtt.impl.topic;

import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.ReasonCode;

/**
 * Checks topic names (what is published) and topic filters (what is subscribed) against MQTT 5 section 4.7 and 4.8
 * before they are sent, so the user gets a failure naming the rule instead of a broker disconnect. One pass over the
 * characters, no regex, no allocation unless the topic is invalid.
 */
public final class TopicValidator {
    private static final String SHARE_PREFIX = "$share/";

    private TopicValidator() {}

    /**
     * @param topic a topic name to publish to
     * @param aliasUsed a topic alias is sent with it, so the name may be empty
     * @throws MqttException (TOPIC_NAME_INVALID) naming the rule broken
     */
    public static void validateTopicName(String topic, boolean aliasUsed) {
        if (topic.isEmpty()) {
            if (aliasUsed) {
                return;
            }
            throw nameInvalid("[MQTT-4.7.3-1] a topic name must be at least one character long");
        }
        int length = topic.length();
        for (int i = 0; i < length; i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                throw nameInvalid("[MQTT-3.3.2-2] topic name '" + topic + "' must not contain the wildcard '" + c
                        + "' (at index " + i + ")");
            }
        }
        checkEncoding(topic, true);
    }

    /**
     * @param topic a topic name to publish to
     * @throws MqttException (TOPIC_NAME_INVALID) naming the rule broken
     */
    public static void validateTopicName(String topic) {
        validateTopicName(topic, false);
    }

    /**
     * @param filter a topic filter, possibly a shared subscription {@code $share/GROUP/FILTER}
     * @throws MqttException (TOPIC_FILTER_INVALID) naming the rule broken
     */
    public static void validateTopicFilter(String filter) {
        if (filter.isEmpty()) {
            throw filterInvalid("[MQTT-4.7.3-1] a topic filter must be at least one character long");
        }
        checkEncoding(filter, false);
        int start = 0;
        if (filter.startsWith(SHARE_PREFIX)) {
            int groupEnd = filter.indexOf('/', SHARE_PREFIX.length());
            int groupLength = (groupEnd < 0 ? filter.length() : groupEnd) - SHARE_PREFIX.length();
            if (groupLength == 0) {
                throw filterInvalid("[MQTT-4.8.2-1] shared subscription '" + filter
                        + "' needs a ShareName of at least one character after $share/");
            }
            for (int i = SHARE_PREFIX.length(); i < SHARE_PREFIX.length() + groupLength; i++) {
                char c = filter.charAt(i);
                if (c == '+' || c == '#') {
                    throw filterInvalid("[MQTT-4.8.2-2] the ShareName of '" + filter + "' must not contain '" + c
                            + "'");
                }
            }
            if (groupEnd < 0 || groupEnd == filter.length() - 1) {
                throw filterInvalid("[MQTT-4.8.2-2] the ShareName of '" + filter
                        + "' must be followed by '/' and a topic filter");
            }
            start = groupEnd + 1;
        }
        checkWildcards(filter, start);
    }

    /** '#' alone in the last level (MQTT-4.7.1-1), '+' alone in its level (MQTT-4.7.1-2). */
    private static void checkWildcards(String filter, int start) {
        int length = filter.length();
        for (int i = start; i < length; i++) {
            char c = filter.charAt(i);
            if (c == '#') {
                boolean aloneInLevel = (i == start || filter.charAt(i - 1) == '/');
                if (!aloneInLevel || i != length - 1) {
                    throw filterInvalid("[MQTT-4.7.1-1] in topic filter '" + filter
                            + "' the multi-level wildcard '#' must be the last character and occupy a whole level");
                }
            } else if (c == '+') {
                boolean levelStart = i == start || filter.charAt(i - 1) == '/';
                boolean levelEnd = i == length - 1 || filter.charAt(i + 1) == '/';
                if (!levelStart || !levelEnd) {
                    throw filterInvalid("[MQTT-4.7.1-2] in topic filter '" + filter
                            + "' the single-level wildcard '+' must occupy a whole level (at index " + i + ")");
                }
            }
        }
    }

    /** UTF-8 encodable (no unpaired surrogate, MQTT-1.5.4-1), no U+0000 (MQTT-4.7.3-2), at most 65535 bytes. */
    private static void checkEncoding(String topic, boolean name) {
        int length = topic.length();
        long bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = topic.charAt(i);
            if (c < 0x80) {
                if (c == 0) {
                    throw invalid(name, "[MQTT-4.7.3-2] topic " + kind(name) + " must not contain U+0000");
                }
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(topic.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid(name, "[MQTT-1.5.4-1] topic " + kind(name) + " contains an unpaired surrogate at index "
                        + i);
            } else {
                bytes += 3;
            }
        }
        if (bytes > 0xFFFF) {
            throw invalid(name, "[MQTT-4.7.3-3] topic " + kind(name) + " is " + bytes
                    + " bytes in UTF-8, more than 65535");
        }
    }

    private static String kind(boolean name) {
        return name ? "name" : "filter";
    }

    private static MqttException invalid(boolean name, String message) {
        return name ? nameInvalid(message) : filterInvalid(message);
    }

    private static MqttException nameInvalid(String message) {
        return new MqttException(ReasonCode.TOPIC_NAME_INVALID, message);
    }

    private static MqttException filterInvalid(String message) {
        return new MqttException(ReasonCode.TOPIC_FILTER_INVALID, message);
    }
}
