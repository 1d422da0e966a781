package io.edgemqtt.hal.gpio.internal.sysfs;

import io.edgemqtt.hal.gpio.internal.SysfsIo;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

/**
 * A GPIO line exported for one component, from activation to deactivation. Releasing it unexports it only if the
 * component exported it itself (a line some other program exported is left as it was found) and its configuration's
 * {@code unexport} asks for it.
 */
final class ExportedLine {
    private final SysfsGpioLine line;
    private final boolean exportedHere;
    private final boolean unexport;

    private ExportedLine(SysfsGpioLine line, boolean exportedHere, boolean unexport) {
        this.line = line;
        this.exportedHere = exportedHere;
        this.unexport = unexport;
    }

    /**
     * @param io reaches sysfs
     * @param classGpio the {@code class/gpio} folder
     * @param chipLabel the chip's label, empty for the Pi's own header chip (see {@link GpioChip#resolve})
     * @param offset the line's offset on the chip
     * @param unexport whether {@link #release} unexports a line exported here
     * @return the exported line
     * @throws IOException if the chip is not there or the line cannot be exported
     * @throws IllegalArgumentException if the chip has no such line
     */
    static ExportedLine export(SysfsIo io, Path classGpio, String chipLabel, int offset, boolean unexport)
            throws IOException {
        GpioChip chip = GpioChip.resolve(io, classGpio, chipLabel);
        SysfsGpioLine line = new SysfsGpioLine(io, classGpio, chip.number(offset));
        return new ExportedLine(line, line.export(), unexport);
    }

    /** @return the line */
    SysfsGpioLine line() {
        return line;
    }

    /**
     * Unexports the line if it was exported here and the configuration asks for it. A failure is only logged: the
     * component is going away either way.
     *
     * @param log the component's logger
     * @param pid the configuration's PID, to name it in the log line
     */
    void release(Logger log, String pid) {
        if (exportedHere && unexport) {
            try {
                line.unexport();
            } catch (IOException e) {
                log.log(Level.WARNING, "{0}: {1}", pid, e.getMessage());
            }
        }
    }
}
