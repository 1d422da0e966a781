/**
 * Session stores (internal, not exported): {@link io.edgemqtt.impl.store.MemorySessionStore} for clients without
 * persistence and {@link io.edgemqtt.impl.store.FileSessionStore}, an append-only log per client id that survives a
 * kill of the process, with the message serializer and log format it is built from.
 */
package io.edgemqtt.impl.store;
