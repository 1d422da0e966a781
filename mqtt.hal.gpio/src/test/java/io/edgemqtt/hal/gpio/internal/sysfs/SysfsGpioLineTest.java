package io.edgemqtt.hal.gpio.internal.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.hal.gpio.internal.FakeKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsGpioLineTest {
    @TempDir
    Path root;

    FakeKernel kernel;
    SysfsGpioLine line;

    @BeforeEach
    void chip() {
        kernel = new FakeKernel(root);
        kernel.chip("gpiochip512", "pinctrl-bcm2711", 512, 58);
        line = new SysfsGpioLine(kernel, root.resolve("class/gpio"), 529);
    }

    @Test
    void exportWritesTheGlobalNumberAndWaitsForTheFolder() throws IOException {
        assertTrue(line.export());
        assertEquals(List.of("class/gpio/export=529"), kernel.writes);
        assertTrue(Files.isDirectory(root.resolve("class/gpio/gpio529")));
    }

    @Test
    void exportOfAnExportedLineWritesNothing() throws IOException {
        line.export();
        kernel.writes.clear();
        assertFalse(line.export(), "not ours to unexport");
        assertEquals(List.of(), kernel.writes);
    }

    @Test
    void busyFromTheKernelMeansSomeoneElseExportedItFirst() throws IOException {
        // the race: not exported when we looked, exported by another process before our write
        kernel.file("class/gpio/gpio529/value", "0");
        FakeKernel racing = new FakeKernel(root) {
            private boolean first = true;

            @Override
            public boolean exists(Path path) {
                if (first && path.endsWith("gpio529")) {
                    first = false;
                    return false;
                }
                return super.exists(path);
            }
        };
        assertFalse(new SysfsGpioLine(racing, root.resolve("class/gpio"), 529).export(), "not ours to unexport");
        assertEquals(List.of("class/gpio/export=529"), racing.writes);
    }

    @Test
    void otherExportErrorsFail() {
        kernel.failWrites(root.resolve("class/gpio/export"), "Invalid argument");
        IOException e = assertThrows(IOException.class, line::export);
        assertTrue(e.getMessage().contains("cannot export GPIO 529: Invalid argument"), e.getMessage());
    }

    @Test
    void unexportRemovesTheLineAndIsIdempotent() throws IOException {
        line.export();
        line.unexport();
        assertFalse(line.isExported());
        kernel.writes.clear();
        line.unexport();
        assertEquals(List.of(), kernel.writes, "nothing to do for a line that is not exported");
    }

    @Test
    void unexportToleratesTheKernelSayingItIsNotExported() throws IOException {
        line.export();
        kernel.failWrites(root.resolve("class/gpio/unexport"), "Invalid argument");
        line.unexport();
    }

    @Test
    void outputDirectionIsSetWithTheInitialLevelInOneWrite() throws IOException {
        line.export();
        line.directionOut(true);
        assertEquals("high", Files.readString(root.resolve("class/gpio/gpio529/direction")));
        line.directionOut(false);
        assertEquals("low", Files.readString(root.resolve("class/gpio/gpio529/direction")));
    }

    @Test
    void valuesAreParsedStrictly() throws IOException {
        line.export();
        kernel.file("class/gpio/gpio529/value", "1\n");
        assertTrue(line.value());
        kernel.file("class/gpio/gpio529/value", "0\n");
        assertFalse(line.value());
        kernel.file("class/gpio/gpio529/value", "");
        assertTrue(assertThrows(IOException.class, line::value).getMessage().contains("empty"));
        kernel.file("class/gpio/gpio529/value", "x");
        assertTrue(assertThrows(IOException.class, line::value).getMessage().contains("'x'"));
    }

    @Test
    void readingAVanishedLineFails() throws IOException {
        line.export();
        line.unexport();
        assertThrows(IOException.class, line::value);
    }
}
