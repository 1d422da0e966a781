package io.edgemqtt.impl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Loopback ports and temporary folders for the broker fixtures. */
public final class Loopback {

    /** The address every fixture binds to: brokers never listen on a public interface. */
    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /** @return the loopback address */
    public static InetAddress address() {
        try {
            return InetAddress.getByName(HOST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A loopback port that was free a moment ago (the kernel picks it). Another process may take it before the broker
     * binds it: fixtures retry with a new port when their first start fails to bind.
     *
     * @return a free TCP port on 127.0.0.1
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, address())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /**
     * @param port a TCP port
     * @param timeoutMillis connect timeout
     * @return whether something accepts connections on 127.0.0.1:port
     */
    public static boolean accepts(int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address(), port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes a folder tree, best effort (a fixture's clean-up must not hide the test's own failure).
     *
     * @param root the folder, may be null
     */
    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("[testing] could not delete " + root + ": " + e);
        }
    }
}
