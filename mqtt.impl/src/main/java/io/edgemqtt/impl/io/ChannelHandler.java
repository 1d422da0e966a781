package io.edgemqtt.impl.io;

/** What the {@link EventLoop} tells a registered connection. All calls come on the loop thread. */
public interface ChannelHandler {
    /** The non-blocking connect can be finished. */
    void connectable();

    /** The socket can take more bytes. */
    void writable();

    /** Bytes (or end of stream) are waiting. */
    void readable();

    /**
     * A handler method threw.
     *
     * @param failure what it threw
     */
    void failed(RuntimeException failure);

    /** The loop is shutting down: close the channel without further I/O. */
    void loopClosed();
}
