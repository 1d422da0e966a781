package io.edgemqtt.impl.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A TCP relay for one connection that forwards both directions in pieces of at most a few bytes. */
final class FragmentingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    FragmentingRelay(int targetPort, int maxPiece) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        threads.execute(() -> {
            try (Socket client = server.accept();
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                var a = threads.submit(() -> pump(client.getInputStream(), target.getOutputStream(), maxPiece));
                pump(target.getInputStream(), client.getOutputStream(), maxPiece);
                a.get();
            } catch (Exception e) {
                // the test sees the effect
            }
        });
    }

    private static Void pump(InputStream in, OutputStream out, int maxPiece) throws IOException {
        byte[] buffer = new byte[4096];
        int piece = 1;
        int n;
        try {
            while ((n = in.read(buffer)) > 0) {
                for (int off = 0; off < n; ) {
                    int len = Math.min(piece, n - off);
                    out.write(buffer, off, len);
                    out.flush();
                    off += len;
                    piece = piece % maxPiece + 1;
                }
            }
        } finally {
            out.close();
        }
        return null;
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
