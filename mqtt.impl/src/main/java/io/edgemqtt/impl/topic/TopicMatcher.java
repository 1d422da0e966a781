package io.edgemqtt.impl.topic;

/**
 * Matches a topic name against a topic filter (MQTT 5 section 4.7). Runs on every received message against every
 * subscription, so it walks both strings once with two indices: no split, no regex, no allocation.
 *
 * <p>Filters are assumed valid ({@link TopicValidator}); a {@code $share/GROUP/} prefix is skipped, because a shared
 * subscription matches the same topics as its filter. Topics starting with '$' are not matched by a filter starting
 * with a wildcard (MQTT-4.7.2-1).
 */
public final class TopicMatcher {
    private static final String SHARE_PREFIX = "$share/";

    private TopicMatcher() {}

    /**
     * @param filter a valid topic filter, possibly shared
     * @param topic a topic name
     * @return true if {@code filter} matches {@code topic}
     */
    public static boolean matches(String filter, String topic) {
        int f = 0;
        if (filter.startsWith(SHARE_PREFIX)) {
            int groupEnd = filter.indexOf('/', SHARE_PREFIX.length());
            if (groupEnd < 0) {
                return false;
            }
            f = groupEnd + 1;
        }
        int filterLength = filter.length();
        int topicLength = topic.length();
        if (f < filterLength && topicLength > 0 && topic.charAt(0) == '$') {
            char first = filter.charAt(f);
            if (first == '+' || first == '#') {
                return false;
            }
        }
        int t = 0;
        while (f < filterLength) {
            // f is at the start of a filter level, t at the start of the matching topic level
            char c = filter.charAt(f);
            if (c == '#') {
                return true; // matches this level and everything below, including nothing
            }
            if (c == '+') {
                while (t < topicLength && topic.charAt(t) != '/') {
                    t++;
                }
                f++;
            } else {
                while (f < filterLength) {
                    char fc = filter.charAt(f);
                    if (fc == '/') {
                        break;
                    }
                    if (t >= topicLength || topic.charAt(t) != fc) {
                        return false;
                    }
                    f++;
                    t++;
                }
            }
            // the filter level ended: the topic level must end here too
            if (f == filterLength) {
                return t == topicLength;
            }
            if (t == topicLength) {
                // "sport/#" matches "sport": the parent level of a trailing '#'
                return f + 2 == filterLength && filter.charAt(f + 1) == '#';
            }
            if (topic.charAt(t) != '/') {
                return false;
            }
            f++;
            t++;
        }
        return t == topicLength;
    }
}
