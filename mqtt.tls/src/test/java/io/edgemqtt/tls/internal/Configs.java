package io.edgemqtt.tls.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Builds a {@link TlsProfileConfig} from properties as DS would (property names per DS 1.4 name mapping). */
final class Configs {
    private Configs() {
    }

    static TlsProfileConfig tls(Map<String, ?> properties) {
        Map<String, Object> copy = new HashMap<>(properties);
        return (TlsProfileConfig) Proxy.newProxyInstance(TlsProfileConfig.class.getClassLoader(),
                new Class<?>[] {TlsProfileConfig.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(copy, args);
                    }
                    Object value = copy.get(propertyName(method));
                    if (value == null) {
                        return method.getDefaultValue();
                    }
                    if (method.getReturnType() == String[].class && value instanceof String) {
                        return new String[] {(String) value};
                    }
                    if (method.getReturnType() == boolean.class && value instanceof String) {
                        return Boolean.parseBoolean((String) value);
                    }
                    return value;
                });
    }

    /** {@code _key_password} to {@code .key.password}, {@code trust_anchors} to {@code trust.anchors}. */
    static String propertyName(Method method) {
        return method.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }
}
