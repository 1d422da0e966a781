package io.edgemqtt.impl.store;

import java.io.IOException;

/** Bytes that passed the checksum (or had none) but do not decode as what they claim to be. */
public final class CorruptRecordException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, for a log line */
    public CorruptRecordException(String message) {
        super(message);
    }
}
