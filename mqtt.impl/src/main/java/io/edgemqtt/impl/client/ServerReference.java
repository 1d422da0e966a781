package io.edgemqtt.impl.client;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Reads the MQTT 5 Server Reference a broker sends with {@code USE_ANOTHER_SERVER} or {@code SERVER_MOVED} (section
 * 4.11). The spec leaves its format open; the common form, and the one its examples use, is {@code host}, {@code
 * host:port} or {@code [ipv6]:port}, several separated by spaces. The first one is taken, with the scheme (so plain or
 * TLS) of the server that sent it and that scheme's default port when it names none. A full URI ({@code
 * tcp://host:port}, {@code ssl://...}) is accepted too.
 */
final class ServerReference {
    private ServerReference() {}

    /**
     * @param current the server that sent the reference
     * @param reference the Server Reference property
     * @return the server to try next, or null if the reference cannot be read as one
     */
    static URI resolve(URI current, String reference) {
        String first = reference.trim();
        int space = first.indexOf(' ');
        if (space > 0) {
            first = first.substring(0, space);
        }
        if (first.isEmpty()) {
            return null;
        }
        try {
            if (first.contains("://")) {
                URI uri = new URI(first);
                return uri.getHost() == null ? null : uri;
            }
            String host;
            int port = -1;
            if (first.startsWith("[")) {
                int close = first.indexOf(']');
                if (close < 0) {
                    return null;
                }
                host = first.substring(0, close + 1);
                if (close + 1 < first.length()) {
                    if (first.charAt(close + 1) != ':') {
                        return null;
                    }
                    port = Integer.parseInt(first.substring(close + 2));
                }
            } else {
                int colon = first.indexOf(':');
                if (colon != first.lastIndexOf(':')) {
                    return null; // a bare IPv6 address without brackets: the port cannot be told apart
                }
                host = colon < 0 ? first : first.substring(0, colon);
                if (colon >= 0) {
                    port = Integer.parseInt(first.substring(colon + 1));
                }
            }
            if (port > 65_535 || host.isEmpty()) {
                return null;
            }
            URI uri = new URI(current.getScheme() + "://" + host + (port >= 0 ? ":" + port : ""));
            return uri.getHost() == null ? null : uri;
        } catch (URISyntaxException | NumberFormatException e) {
            return null;
        }
    }
}
