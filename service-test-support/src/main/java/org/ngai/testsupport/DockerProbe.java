package org.ngai.testsupport;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Does a Docker engine answer? Sends {@code GET /_ping} over DOCKER_HOST or the usual socket paths,
 * each step bounded to about a second; never throws, never hangs. {@code NGAI_DOCKER=off} forces "no".
 * Only when this says yes may a test touch Testcontainers.
 */
public final class DockerProbe {
    private static volatile Boolean cached;

    private DockerProbe() {
    }

    public static boolean available() {
        Boolean c = cached;
        if (c == null) {
            c = probe();
            cached = c;
        }
        return c;
    }

    /** One uncached probe (package-private for tests). */
    static boolean probe() {
        if ("off".equalsIgnoreCase(System.getenv("NGAI_DOCKER"))) {
            return false;
        }
        String host = System.getenv("DOCKER_HOST");
        try {
            if (host != null && host.startsWith("tcp://")) {
                String hp = host.substring(6);
                int colon = hp.lastIndexOf(':');
                return pingTcp(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1)));
            }
            List<Path> sockets = new ArrayList<>();
            if (host != null && host.startsWith("unix://")) {
                sockets.add(Path.of(host.substring(7)));
            }
            sockets.add(Path.of("/var/run/docker.sock"));
            String home = System.getProperty("user.home");
            sockets.add(Path.of(home, ".docker", "run", "docker.sock"));
            sockets.add(Path.of(home, ".docker", "desktop", "docker.sock"));
            for (Path p : sockets) {
                if (Files.exists(p) && pingUnix(p)) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
        return false;
    }

    private static final byte[] PING = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    static boolean pingTcp(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(PING);
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(512), StandardCharsets.US_ASCII).contains("OK");
        } catch (Exception e) {
            return false;
        }
    }

    static boolean pingUnix(Path socket) {
        Thread t = Thread.currentThread();
        AtomicBoolean ok = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ch.write(ByteBuffer.wrap(PING));
                ByteBuffer buf = ByteBuffer.allocate(512);
                ch.read(buf);
                ok.set(new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).contains("OK"));
            } catch (Exception e) {
                ok.set(false);
            }
        }, "docker-probe");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(1000);
        } catch (InterruptedException e) {
            t.interrupt();
        }
        return ok.get();
    }
}
