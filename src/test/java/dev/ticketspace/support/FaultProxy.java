package dev.ticketspace.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port in front of a server (a test's MySQL), which a test can {@link #cut} and
 * {@link #restore}, to see what the service does when its database goes away:
 * <ul>
 * <li>{@link Fault#REFUSE}: open connections are closed and new ones refused, as when the server is down;</li>
 * <li>{@link Fault#BLACK_HOLE}: nothing is forwarded any more, on open connections nor on new ones (which
 * are accepted), as when the server hangs or the network drops packets: only the client's own timeouts
 * end its waits. Restoring lets the held bytes through, as a healed network would.</li>
 * </ul>
 * Each connection is two threads copying bytes, one per direction.
 */
public final class FaultProxy implements AutoCloseable {
    public enum Fault { REFUSE, BLACK_HOLE }

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    /** Guards the fields below; pumps wait on it while the proxy is black-holed. */
    private final Object lock = new Object();
    private Fault fault;
    private boolean closed;
    private ServerSocket listener;

    public FaultProxy(String host, int targetPort) {
        target = new InetSocketAddress(host, targetPort);
        synchronized (lock) {
            listener = listen(0);
            port = listener.getLocalPort();
        }
    }

    /** A proxy in front of the server a JDBC URL ({@code jdbc:mysql://host:port/...}) names. */
    public static FaultProxy inFrontOf(String jdbcUrl) {
        URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
        return new FaultProxy(server.getHost(), server.getPort() < 0 ? 3306 : server.getPort());
    }

    /** The JDBC URL with its server replaced by this proxy. */
    public String route(String jdbcUrl) {
        URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
        return jdbcUrl.replaceFirst("//" + server.getRawAuthority() + "/", "//127.0.0.1:" + port + "/");
    }

    public void cut(Fault how) {
        synchronized (lock) {
            fault = how;
            if (how == Fault.REFUSE) {
                closeQuietly(listener);
                sockets.forEach(FaultProxy::closeQuietly);
            }
        }
    }

    public void restore() {
        synchronized (lock) {
            if (listener.isClosed() && !closed) {
                listener = listen(port);
            }
            fault = null;
            lock.notifyAll();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            closeQuietly(listener);
            sockets.forEach(FaultProxy::closeQuietly);
            lock.notifyAll();
        }
    }

    private ServerSocket listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            start("fault-proxy-accept", () -> accept(socket));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + onPort, e);
        }
    }

    private void accept(ServerSocket from) {
        while (!from.isClosed()) {
            try {
                Socket client = from.accept();
                Socket server = new Socket();
                synchronized (lock) {
                    if (fault == Fault.REFUSE || closed) {
                        // accepted just as the proxy was cut
                        closeQuietly(client);
                        continue;
                    }
                    sockets.add(client);
                    sockets.add(server);
                }
                server.connect(target);
                start("fault-proxy-up", () -> pump(client, server));
                start("fault-proxy-down", () -> pump(server, client));
            } catch (IOException e) {
                // the listener was closed, or the target refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                awaitFlowing();
                out.write(buffer, 0, read);
                out.flush();
            }
            awaitFlowing();
        } catch (IOException | InterruptedException e) {
            // one end is gone: so is the connection
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitFlowing() throws InterruptedException {
        synchronized (lock) {
            while (fault == Fault.BLACK_HOLE && !closed) {
                lock.wait();
            }
        }
    }

    private static void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is all that is wanted
        }
    }
}
