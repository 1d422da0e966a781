package io.edgemqtt.api.whiteboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares what a whiteboard {@link io.edgemqtt.api.MessageHandler} subscribes to. Put it on a DS component that
 * provides {@code MessageHandler}; the engine subscribes on every matching client while the service is registered,
 * restores the subscription after reconnects, and unsubscribes when the service goes (unless another handler still
 * needs the same filter).
 *
 * <pre>{@code
 * @Component(service = MessageHandler.class)
 * @MqttSubscription(topic = "plant/+/cmd", qos = 1, client = "(name=plant)")
 * public class CommandHandler implements MessageHandler {
 *     public void onMessage(MqttMessage message) { ... }
 * }
 * }</pre>
 *
 * <p>A handler only receives messages whose topic matches one of its own filters, whatever else the client subscribed
 * to. The service properties can also be set by hand with the names in {@link WhiteboardProperties}.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MqttSubscription {
    /** Prefix of the generated service property names. */
    String PREFIX_ = "mqtt.subscription.";

    /** @return topic filters ({@value WhiteboardProperties#TOPIC}); wildcards and {@code $share/} allowed */
    String[] topic();

    /** @return the maximum QoS, 0, 1 or 2 ({@value WhiteboardProperties#QOS}) */
    int qos() default 1;

    /**
     * @return an LDAP filter over the client services' properties ({@value WhiteboardProperties#CLIENT}), for example
     *     {@code (name=plant)}; empty: every client
     */
    String client() default "";

    /** @return MQTT 5 no-local ({@value WhiteboardProperties#NO_LOCAL}) */
    boolean noLocal() default false;

    /** @return MQTT 5 retain-as-published ({@value WhiteboardProperties#RETAIN_AS_PUBLISHED}) */
    boolean retainAsPublished() default false;

    /** @return MQTT 5 retain handling 0, 1 or 2 ({@value WhiteboardProperties#RETAIN_HANDLING}) */
    int retainHandling() default 0;
}
