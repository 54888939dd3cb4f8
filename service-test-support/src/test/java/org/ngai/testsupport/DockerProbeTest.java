package org.ngai.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** A probe that hangs fails here instead of hanging the build: every test runs on its own thread, bounded. */
@Timeout(value = 20, threadMode = ThreadMode.SEPARATE_THREAD)
class DockerProbeTest {
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final byte[] PONG =
            "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK".getBytes(StandardCharsets.US_ASCII);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void probeAnswersWithinBoundAndDoesNotThrow() throws Exception {
        assertThat(timed(DockerProbe::probe)).isLessThan(BOUND);
        assertThat(timed(DockerProbe::available)).isLessThan(BOUND);
    }

    @Test
    void tcpEngineThatAnswersIsSeen() throws Exception {
        ServerSocket server = tcpServer(true);
        assertThat(DockerProbe.pingTcp("127.0.0.1", server.getLocalPort())).isTrue();
    }

    @Test
    void tcpPeerThatNeverAnswersIsNoWithinBound() throws Exception {
        ServerSocket server = tcpServer(false);
        long t0 = System.nanoTime();
        assertThat(DockerProbe.pingTcp("127.0.0.1", server.getLocalPort())).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(BOUND);
    }

    @Test
    void closedTcpPortIsNo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(DockerProbe.pingTcp("127.0.0.1", port)).isFalse();
    }

    @Test
    void unixEngineThatAnswersIsSeen() throws Exception {
        assertThat(DockerProbe.pingUnix(unixServer(true))).isTrue();
    }

    @Test
    void unixPeerThatNeverAnswersIsNoWithinBound() throws Exception {
        Path socket = unixServer(false);
        long t0 = System.nanoTime();
        assertThat(DockerProbe.pingUnix(socket)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(BOUND);
    }

    private static <T> Duration timed(Callable<T> call) throws Exception {
        long t0 = System.nanoTime();
        call.call();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Accepts connections; answers like the Docker engine, or reads and stays silent. */
    private ServerSocket tcpServer(boolean answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        open.add(server);
        daemon(() -> {
            while (!server.isClosed()) {
                Socket s = server.accept();
                open.add(s);
                InputStream in = s.getInputStream();
                in.read(new byte[512]);
                if (answer) {
                    s.getOutputStream().write(PONG);
                    s.close();
                }
            }
            return null;
        });
        return server;
    }

    private Path unixServer(boolean answer) throws IOException {
        Path dir = Files.createTempDirectory("dp");
        Path socket = dir.resolve("d.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        open.add(() -> {
            server.close();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        });
        daemon(() -> {
            while (server.isOpen()) {
                SocketChannel ch = server.accept();
                open.add(ch);
                ch.read(ByteBuffer.allocate(512));
                if (answer) {
                    ch.write(ByteBuffer.wrap(PONG));
                    ch.close();
                }
            }
            return null;
        });
        return socket;
    }

    private static void daemon(Callable<Void> body) {
        Thread t = new Thread(() -> {
            try {
                body.call();
            } catch (Exception ignored) {
                // closed at the end of the test
            }
        }, "fake-docker");
        t.setDaemon(true);
        t.start();
    }
}
