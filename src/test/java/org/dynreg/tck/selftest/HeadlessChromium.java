package org.dynreg.tck.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, driven through the DevTools protocol: navigate, evaluate JavaScript,
 * take screenshots, and record every request the page makes. Host names do not resolve (only
 * 127.0.0.1 does), so nothing leaves the machine even if the page asks for it; the request log says
 * what it asked for. Every wait is bounded.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://127\\.0\\.0\\.1:(\\d+)/\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** The browser: {@code -Ddynreg.chromium=PATH}, else chromium (or chromium-browser, google-chrome) on the PATH. */
    static Optional<Path> find() {
        String configured = System.getProperty("dynreg.chromium");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    static HeadlessChromium start(Path binary) throws IOException {
        Path profile = Files.createTempDirectory("dynreg-chromium");
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--window-size=1400,1000", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--metrics-recording-only",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank").redirectErrorStream(true).start();
        try {
            return new HeadlessChromium(process, profile, devToolsPort(process));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Reads the browser's output until it says where DevTools listens; keeps draining it afterwards. */
    private static int devToolsPort(Process process) throws IOException {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(2)));
                    } else if (!port.isDone()) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                // the browser has gone
            }
            port.completeExceptionally(new IOException("chromium exited without opening DevTools: " + output));
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        return await(port, START_TIMEOUT, "chromium to open its DevTools port");
    }

    private HeadlessChromium(Process process, Path profile, int port) throws IOException {
        this.process = process;
        this.profile = profile;
        HttpClient http = HttpClient.newBuilder().connectTimeout(COMMAND_TIMEOUT).build();
        HttpResponse<String> list;
        try {
            list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(COMMAND_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking chromium for its page");
        }
        String page = null;
        for (JsonNode target : JSON.readTree(list.body())) {
            if ("page".equals(target.path("type").asText())) {
                page = target.path("webSocketDebuggerUrl").asText();
            }
        }
        if (page == null) {
            throw new IOException("chromium has no page to drive: " + list.body());
        }
        socket = await(http.newWebSocketBuilder().connectTimeout(COMMAND_TIMEOUT).buildAsync(URI.create(page), new Listener()),
                COMMAND_TIMEOUT, "the DevTools connection");
        send("Network.enable", JSON.createObjectNode());
        send("Page.enable", JSON.createObjectNode());
    }

    /** Every URL the page asked for, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    JsonNode send(String method, ObjectNode params) throws IOException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        await(socket.sendText(JSON.writeValueAsString(message), true), COMMAND_TIMEOUT, "sending " + method);
        JsonNode reply = await(answer, COMMAND_TIMEOUT, "chromium's answer to " + method);
        if (reply.has("error")) {
            throw new IOException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    void navigate(String url) throws IOException {
        send("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** The value of a JavaScript expression in the page (promises awaited). */
    JsonNode evaluate(String expression) throws IOException {
        JsonNode result = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("JavaScript failed: " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until {@code condition} (JavaScript) is true in the page; fails naming {@code what} after {@code timeout}. */
    void waitUntil(String condition, Duration timeout, String what) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // false, not an error, while the page is still loading
        while (!evaluate("(() => { try { return Boolean(" + condition + "); } catch (e) { return false; } })()").asBoolean(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + what);
            }
        }
    }

    /** A fixed pause, only where nothing can be waited for (an animation before a screenshot). */
    void pause(Duration duration, String what) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what);
        }
    }

    /** The visible text of the page. */
    String text() throws IOException {
        return evaluate("document.body.innerText").asText();
    }

    void screenshot(Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        String data = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")).path("data").asText();
        Files.write(png, Base64.getDecoder().decode(data));
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }

    private static <T> T await(CompletionStage<T> stage, Duration timeout, String what) throws IOException {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        } catch (ExecutionException e) {
            throw new IOException("failed waiting for " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what);
        }
    }

    /** DevTools messages: answers complete their command; requests are recorded. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    } else if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
                        requests.add(message.path("params").path("request").path("url").asText());
                    }
                } catch (IOException e) {
                    // not a DevTools message: ignored
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /** For the messages of failed checks. */
    static List<String> offHost(List<String> urls, String origin) {
        List<String> off = new ArrayList<>();
        for (String url : urls) {
            if (!url.startsWith(origin + "/") && !url.startsWith("data:") && !url.startsWith("blob:") && !url.equals("about:blank")) {
                off.add(url);
            }
        }
        return off;
    }
}
