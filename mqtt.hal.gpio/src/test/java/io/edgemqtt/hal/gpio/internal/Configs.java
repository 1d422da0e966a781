package io.edgemqtt.hal.gpio.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a component property type (a configuration annotation) the way DS does, from property names as written in a
 * configuration ({@code interval.ms} for {@code interval_ms()}); absent properties take the annotation's defaults.
 */
public final class Configs {
    private Configs() {}

    /**
     * @param type the annotation type
     * @param keyValues property name, value, name, value...
     * @param <A> the annotation type
     * @return the configuration
     */
    public static <A> A of(Class<A> type, Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + values;
                case "hashCode":
                    return values.hashCode();
                case "equals":
                    return self == args[0];
                default:
                    break;
            }
            String name = method.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
            if (values.containsKey(name)) {
                return coerce(values.get(name), method);
            }
            Object defaultValue = method.getDefaultValue();
            if (defaultValue == null) {
                return zero(method.getReturnType());
            }
            return defaultValue;
        });
        return type.cast(proxy);
    }

    private static Object coerce(Object value, Method method) {
        Class<?> type = method.getReturnType();
        if (type.isArray() && value != null && !value.getClass().isArray()) {
            Object array = Array.newInstance(type.getComponentType(), 1);
            Array.set(array, 0, value);
            return array;
        }
        return value;
    }

    private static Object zero(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 0);
        }
        return null;
    }
}
