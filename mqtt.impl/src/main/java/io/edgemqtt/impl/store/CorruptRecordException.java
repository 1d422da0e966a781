package io.edgemqtt.impl.store;

import java.io.IOException;

/** Bytes that passed the checksum (or had none) but do not decode as what they claim to be. */
final class CorruptRecordException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptRecordException(String message) {
        super(message);
    }
}
