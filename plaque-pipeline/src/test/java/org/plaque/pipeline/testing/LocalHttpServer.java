package org.plaque.pipeline.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 (a free port) that answers every request with one fixed response; for testing
 * downloads without a network. Close it to stop it.
 */
public final class LocalHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private LocalHttpServer(int status, byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Serves {@code body} with status 200. */
    public static LocalHttpServer serving(byte[] body) throws IOException {
        return new LocalHttpServer(200, body);
    }

    /** Answers with {@code status} and no body. */
    public static LocalHttpServer failingWith(int status) throws IOException {
        return new LocalHttpServer(status, new byte[0]);
    }

    /** The URL of {@code path} (e.g. "/atlas.zip") on this server. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** How many requests the server has answered. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
