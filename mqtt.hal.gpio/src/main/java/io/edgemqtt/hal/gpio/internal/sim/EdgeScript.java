package io.edgemqtt.hal.gpio.internal.sim;

import io.edgemqtt.hal.gpio.internal.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The levels a simulated input goes through: {@code level:millis} steps separated by commas, for example {@code
 * 0:3000,1:500} (low for 3 s, high for 0.5 s). Immutable.
 */
final class EdgeScript {
    /** One step: hold {@code level} for {@code millis}. */
    static final class Step {
        final boolean level;
        final long millis;

        Step(boolean level, long millis) {
            this.level = level;
            this.millis = millis;
        }
    }

    private final List<Step> steps;

    private EdgeScript(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * @param property the property name, for the error
     * @param text the script
     * @return the script
     * @throws ConfigException if empty, malformed, or a step is shorter than 10 ms
     */
    static EdgeScript parse(String property, String text) throws ConfigException {
        if (text == null || text.isBlank()) {
            throw new ConfigException(property, "is required (level:millis steps, for example 0:3000,1:500)");
        }
        List<Step> steps = new ArrayList<>();
        for (String part : text.split(",")) {
            String step = part.trim();
            int colon = step.indexOf(':');
            if (colon < 0) {
                throw new ConfigException(property, "step '" + step + "' is not level:millis");
            }
            String level = step.substring(0, colon).trim();
            if (!level.equals("0") && !level.equals("1")) {
                throw new ConfigException(property, "step '" + step + "' must start with level 0 or 1");
            }
            long millis;
            try {
                millis = Long.parseLong(step.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(property, "step '" + step + "' has no whole number of milliseconds");
            }
            if (millis < 10) {
                throw new ConfigException(property, "step '" + step + "' must last at least 10 ms");
            }
            steps.add(new Step(level.equals("1"), millis));
        }
        return new EdgeScript(steps);
    }

    /** @return the steps, at least one */
    List<Step> steps() {
        return steps;
    }
}
