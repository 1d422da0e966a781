package io.edgemqtt.hal.gpio.internal;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A topic with {@code {name}} placeholders, for example {@code sensors/{id}/{quantity}}. Checked once when
 * configured: only known placeholders, no wildcards, not empty. Immutable.
 */
public final class TopicTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}/]*)\\}");

    private final String template;

    private TopicTemplate(String template) {
        this.template = template;
    }

    /**
     * @param property the property name, for the error
     * @param template the template
     * @param allowed the placeholder names allowed
     * @return the template
     * @throws ConfigException if empty, with a wildcard or NUL, a stray brace, or an unknown placeholder
     */
    public static TopicTemplate parse(String property, String template, Set<String> allowed) throws ConfigException {
        if (template == null || template.isEmpty()) {
            throw new ConfigException(property, "is required");
        }
        if (template.indexOf('+') >= 0 || template.indexOf('#') >= 0 || template.indexOf('\u0000') >= 0) {
            throw new ConfigException(property, "must not contain '+', '#' or NUL (it is a topic name), was '"
                    + template + "'");
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!allowed.contains(matcher.group(1))) {
                throw new ConfigException(property, "has an unknown placeholder {" + matcher.group(1) + "} (known: "
                        + allowed + ")");
            }
        }
        String rest = matcher.replaceAll("");
        if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
            throw new ConfigException(property, "has an unbalanced brace: '" + template + "'");
        }
        return new TopicTemplate(template);
    }

    /**
     * @param values the value of each placeholder
     * @return the topic
     */
    public String expand(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder topic = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(topic, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(topic);
        return topic.toString();
    }

    /** @return the template as configured */
    public String template() {
        return template;
    }

    @Override
    public String toString() {
        return template;
    }
}
