package org.dynreg.tck.selftest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A folder served over HTTP on 127.0.0.1 (a free port), as a reviewer would serve a report. */
final class StaticFiles implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript",
            "css", "text/css", "json", "application/json", "png", "image/png", "svg", "image/svg+xml",
            "ico", "image/x-icon", "txt", "text/plain; charset=utf-8", "woff", "font/woff", "woff2", "font/woff2");

    private final HttpServer server;

    StaticFiles(Path root) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> serve(base, exchange));
        server.start();
    }

    /** e.g. {@code http://127.0.0.1:41234}. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void serve(Path base, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Path file = base.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
            if (!file.startsWith(base) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String name = file.getFileName().toString();
            String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
