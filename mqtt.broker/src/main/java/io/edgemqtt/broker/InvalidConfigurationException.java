package io.edgemqtt.broker;

/** A configuration property with a value the component cannot use; the message names the property and the problem. */
final class InvalidConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidConfigurationException(String property, String problem) {
        super("property '" + property + "': " + problem);
    }
}
