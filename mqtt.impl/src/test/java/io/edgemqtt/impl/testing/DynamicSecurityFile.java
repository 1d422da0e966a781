package io.edgemqtt.impl.testing;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Writes the JSON configuration of mosquitto's dynamic-security plugin ({@code plugin_opt_config_file}) for
 * {@link MosquittoConfig.DynamicSecurity}: the same format {@code mosquitto_ctrl dynsec init} creates, written directly
 * so the fixture needs neither a running broker nor {@code mosquitto_ctrl}.
 *
 * <p>Contents: one role {@code tester} that may publish, receive, subscribe and unsubscribe everything except that
 * SUBSCRIBE to the forbidden filter is denied (as a pattern and as a literal, at a higher priority); one client (user)
 * with that role; an anonymous group with that role, so clients without credentials behave the same. Mosquitto answers
 * the refused SUBSCRIBE with 0x80 (3.1.1) or 0x87 Not authorized (5).
 *
 * <p>Passwords are PBKDF2-HMAC-SHA512, 64 bytes, base64, with a base64 salt and an iteration count, as mosquitto
 * 2.0 stores them.
 */
final class DynamicSecurityFile {

    static final String ROLE = "tester";
    static final String ANONYMOUS_GROUP = "anonymous";
    private static final int ITERATIONS = 101;

    private DynamicSecurityFile() {
    }

    static String json(MosquittoConfig.DynamicSecurity settings) {
        byte[] salt = new byte[12];
        new SecureRandom().nextBytes(salt);
        String hash = Base64.getEncoder().encodeToString(pbkdf2(settings.password(), salt, ITERATIONS));
        String forbidden = quote(settings.forbiddenFilter());
        return "{\n"
                + "  \"defaultACLAccess\": {\"publishClientSend\": false, \"publishClientReceive\": false,"
                + " \"subscribe\": false, \"unsubscribe\": false},\n"
                + "  \"clients\": [{\n"
                + "    \"username\": " + quote(settings.username()) + ",\n"
                + "    \"textName\": \"interop test user\",\n"
                + "    \"password\": " + quote(hash) + ",\n"
                + "    \"salt\": " + quote(Base64.getEncoder().encodeToString(salt)) + ",\n"
                + "    \"iterations\": " + ITERATIONS + ",\n"
                + "    \"roles\": [{\"rolename\": \"" + ROLE + "\"}]\n"
                + "  }],\n"
                + "  \"groups\": [{\"groupname\": \"" + ANONYMOUS_GROUP + "\", \"roles\": [{\"rolename\": \"" + ROLE
                + "\"}], \"clients\": []}],\n"
                + "  \"anonymousGroup\": \"" + ANONYMOUS_GROUP + "\",\n"
                + "  \"roles\": [{\n"
                + "    \"rolename\": \"" + ROLE + "\",\n"
                + "    \"acls\": [\n"
                + "      {\"acltype\": \"subscribePattern\", \"topic\": " + forbidden
                + ", \"allow\": false, \"priority\": 10},\n"
                + "      {\"acltype\": \"subscribeLiteral\", \"topic\": " + forbidden
                + ", \"allow\": false, \"priority\": 10},\n"
                + "      {\"acltype\": \"subscribePattern\", \"topic\": \"#\", \"allow\": true},\n"
                + "      {\"acltype\": \"unsubscribePattern\", \"topic\": \"#\", \"allow\": true},\n"
                + "      {\"acltype\": \"publishClientSend\", \"topic\": \"#\", \"allow\": true},\n"
                + "      {\"acltype\": \"publishClientReceive\", \"topic\": \"#\", \"allow\": true}\n"
                + "    ]\n"
                + "  }]\n"
                + "}\n";
    }

    static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 64 * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 unavailable", e);
        }
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}
