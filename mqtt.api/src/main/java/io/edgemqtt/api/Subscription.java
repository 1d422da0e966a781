package io.edgemqtt.api;

import java.util.Objects;

/**
 * A topic filter with its subscription options. Immutable.
 *
 * <p>The filter may hold the wildcards {@code +} (one level) and {@code #} (all remaining levels, last), and may be a
 * shared subscription {@code $share/GROUP/FILTER} (MQTT 5). It is validated when subscribing. The MQTT 5 options
 * (no local, retain as published, retain handling, subscription identifier) are not sent on MQTT 3.1.1, where
 * retained messages are always sent on subscribe.
 */
public final class Subscription {
    private final String filter;
    private final Qos qos;
    private final boolean noLocal;
    private final boolean retainAsPublished;
    private final RetainHandling retainHandling;
    private final int subscriptionIdentifier;

    private Subscription(Builder builder) {
        this.filter = Objects.requireNonNull(builder.filter, "filter");
        this.qos = builder.qos;
        this.noLocal = builder.noLocal;
        this.retainAsPublished = builder.retainAsPublished;
        this.retainHandling = builder.retainHandling;
        this.subscriptionIdentifier = builder.subscriptionIdentifier;
    }

    /**
     * @param filter the topic filter
     * @param qos the maximum QoS to receive messages with
     * @return a subscription with default options
     */
    public static Subscription of(String filter, Qos qos) {
        return builder(filter).qos(qos).build();
    }

    /**
     * @param filter the topic filter
     * @return a builder with QoS 1 and default options
     */
    public static Builder builder(String filter) {
        return new Builder(filter);
    }

    /** @return a builder holding this subscription's values */
    public Builder toBuilder() {
        return new Builder(filter)
                .qos(qos)
                .noLocal(noLocal)
                .retainAsPublished(retainAsPublished)
                .retainHandling(retainHandling)
                .subscriptionIdentifier(subscriptionIdentifier);
    }

    /** @return the topic filter */
    public String filter() {
        return filter;
    }

    /** @return the maximum QoS requested */
    public Qos qos() {
        return qos;
    }

    /** @return MQTT 5 no-local: messages this client publishes are not sent back to it */
    public boolean isNoLocal() {
        return noLocal;
    }

    /** @return MQTT 5 retain-as-published: forwarded messages keep the retain flag they were published with */
    public boolean isRetainAsPublished() {
        return retainAsPublished;
    }

    /** @return MQTT 5 retain handling */
    public RetainHandling retainHandling() {
        return retainHandling;
    }

    /** @return MQTT 5 subscription identifier (1 to 268435455), or 0 for none */
    public int subscriptionIdentifier() {
        return subscriptionIdentifier;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Subscription)) {
            return false;
        }
        Subscription that = (Subscription) other;
        return filter.equals(that.filter)
                && qos == that.qos
                && noLocal == that.noLocal
                && retainAsPublished == that.retainAsPublished
                && retainHandling == that.retainHandling
                && subscriptionIdentifier == that.subscriptionIdentifier;
    }

    @Override
    public int hashCode() {
        return Objects.hash(filter, qos, noLocal, retainAsPublished, retainHandling, subscriptionIdentifier);
    }

    @Override
    public String toString() {
        return "Subscription[" + filter + ", qos=" + qos.value() + (noLocal ? ", noLocal" : "")
                + (retainAsPublished ? ", retainAsPublished" : "") + ", " + retainHandling
                + (subscriptionIdentifier > 0 ? ", id=" + subscriptionIdentifier : "") + "]";
    }

    /** Builds a {@link Subscription}. */
    public static final class Builder {
        private final String filter;
        private Qos qos = Qos.AT_LEAST_ONCE;
        private boolean noLocal;
        private boolean retainAsPublished;
        private RetainHandling retainHandling = RetainHandling.SEND_ON_SUBSCRIBE;
        private int subscriptionIdentifier;

        private Builder(String filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
        }

        /**
         * @param qos the maximum QoS
         * @return this builder
         */
        public Builder qos(Qos qos) {
            this.qos = Objects.requireNonNull(qos, "qos");
            return this;
        }

        /**
         * @param noLocal MQTT 5 no-local option
         * @return this builder
         */
        public Builder noLocal(boolean noLocal) {
            this.noLocal = noLocal;
            return this;
        }

        /**
         * @param retainAsPublished MQTT 5 retain-as-published option
         * @return this builder
         */
        public Builder retainAsPublished(boolean retainAsPublished) {
            this.retainAsPublished = retainAsPublished;
            return this;
        }

        /**
         * @param retainHandling MQTT 5 retain handling option
         * @return this builder
         */
        public Builder retainHandling(RetainHandling retainHandling) {
            this.retainHandling = Objects.requireNonNull(retainHandling, "retainHandling");
            return this;
        }

        /**
         * @param identifier MQTT 5 subscription identifier, 1 to 268435455, or 0 for none
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder subscriptionIdentifier(int identifier) {
            if (identifier < 0 || identifier > 268_435_455) {
                throw new IllegalArgumentException("subscription identifier must be 0..268435455, was " + identifier);
            }
            this.subscriptionIdentifier = identifier;
            return this;
        }

        /** @return the subscription */
        public Subscription build() {
            return new Subscription(this);
        }
    }
}
