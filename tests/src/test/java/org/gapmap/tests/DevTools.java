package org.gapmap.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Headless Chromium (Debian {@code chromium}) driven through the DevTools protocol over a
 * WebSocket, with nothing but the JDK: one page, JavaScript evaluation, real mouse clicks,
 * screenshots, and every uncaught exception and {@code console.error} the page produces. Closing it
 * ends the browser and deletes its profile. Thread-safe.
 */
final class DevTools implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final Process browser;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final Map<String, java.util.function.Consumer<JsonNode>> handlers =
      new ConcurrentHashMap<>();

  private DevTools(Process browser, Path profile, WebSocket socket) {
    this.browser = browser;
    this.profile = profile;
    this.socket = socket;
  }

  /** Starts {@code chromium} headless with a fresh profile and attaches to its first page. */
  static DevTools launch(Path chromium, int width, int height) throws Exception {
    Path profile = Files.createTempDirectory("gapmap-chromium");
    Process browser =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--window-size=" + width + "," + height,
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    try {
      int port = devToolsPort(browser, profile);
      HttpClient http = HttpClient.newHttpClient();
      String pageSocket = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (pageSocket == null && System.nanoTime() < deadline) {
        String list =
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        for (JsonNode target : JSON.readTree(list)) {
          if (target.path("type").asText().equals("page")) {
            pageSocket = target.get("webSocketDebuggerUrl").asText();
          }
        }
        if (pageSocket == null) {
          Thread.sleep(100);
        }
      }
      if (pageSocket == null) {
        throw new IllegalStateException("Chromium opened no page");
      }
      Receiver receiver = new Receiver();
      WebSocket socket =
          http.newWebSocketBuilder()
              .buildAsync(URI.create(pageSocket), receiver)
              .get(30, TimeUnit.SECONDS);
      DevTools tools = new DevTools(browser, profile, socket);
      receiver.tools = tools;
      tools.send("Runtime.enable", Map.of());
      tools.send("Page.enable", Map.of());
      tools.send(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
      return tools;
    } catch (Exception e) {
      browser.destroyForcibly();
      throw e;
    }
  }

  private static int devToolsPort(Process browser, Path profile) throws Exception {
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!browser.isAlive()) {
        throw new IllegalStateException(
            "Chromium exited " + browser.exitValue() + ": " + log(profile));
      }
      if (Files.exists(portFile)) {
        List<String> lines = Files.readAllLines(portFile);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
          return Integer.parseInt(lines.get(0).trim());
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Chromium did not open DevTools: " + log(profile));
  }

  private static String log(Path profile) throws IOException {
    Path log = profile.resolve("chromium.log");
    return Files.exists(log) ? Files.readString(log) : "(no output)";
  }

  /** Sends a command and waits for its result. */
  JsonNode send(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", JSON.valueToTree(params));
    synchronized (socket) {
      socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
    }
    JsonNode reply = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.get("result");
  }

  /** Opens {@code url} in the page. */
  void navigate(String url) throws Exception {
    send("Page.navigate", Map.of("url", url));
  }

  /** The value of a JavaScript expression (returned by value; promises awaited). */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode result =
        send(
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException(
          "page threw on " + expression + ": " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Waits until {@code condition} holds, polling. */
  void await(String what, Duration timeout, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; page errors: " + errors);
      }
      Thread.sleep(100);
    }
  }

  /** A left click of the mouse at page coordinates ({@code x}, {@code y}). */
  void click(double x, double y) throws Exception {
    for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
      send(
          "Input.dispatchMouseEvent",
          Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
    }
  }

  /** A PNG of the viewport. */
  byte[] screenshot() throws Exception {
    JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png"));
    return java.util.Base64.getDecoder().decode(shot.get("data").asText());
  }

  /**
   * Answers the page's requests whose URL matches {@code urlPattern} (wildcards {@code *}) with a
   * 200 and {@code json}, as a server would.
   */
  void answer(String urlPattern, String json) throws Exception {
    handlers.put(
        "Fetch.requestPaused",
        params ->
            CompletableFuture.runAsync(
                () -> {
                  try {
                    send(
                        "Fetch.fulfillRequest",
                        Map.of(
                            "requestId",
                            params.get("requestId").asText(),
                            "responseCode",
                            200,
                            "responseHeaders",
                            List.of(Map.of("name", "Content-Type", "value", "application/json")),
                            "body",
                            java.util.Base64.getEncoder()
                                .encodeToString(
                                    json.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
                  } catch (Exception e) {
                    errors.add("could not answer " + params.path("request").path("url") + ": " + e);
                  }
                }));
    send("Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", urlPattern))));
  }

  /** Stops answering requests in place of the server. */
  void stopAnswering() throws Exception {
    send("Fetch.disable", Map.of());
    handlers.remove("Fetch.requestPaused");
  }

  /** Uncaught exceptions and {@code console.error} messages so far. */
  List<String> errors() {
    return new ArrayList<>(errors);
  }

  private void onMessage(String text) {
    try {
      JsonNode message = JSON.readTree(text);
      if (message.has("id")) {
        CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
        if (answer != null) {
          answer.complete(message);
        }
        return;
      }
      String method = message.path("method").asText();
      JsonNode params = message.path("params");
      java.util.function.Consumer<JsonNode> handler = handlers.get(method);
      if (handler != null) {
        handler.accept(params);
      }
      if (method.equals("Runtime.exceptionThrown")) {
        errors.add("exception: " + params.path("exceptionDetails"));
      } else if (method.equals("Runtime.consoleAPICalled")
          && params.path("type").asText().equals("error")) {
        errors.add("console.error: " + params.path("args"));
      }
    } catch (IOException e) {
      errors.add("unreadable DevTools message: " + e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    } catch (RuntimeException ignored) {
      // the browser is ended below either way
    }
    browser.destroy();
    try {
      if (!browser.waitFor(10, TimeUnit.SECONDS)) {
        browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      browser.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Reassembles text frames into messages. */
  private static final class Receiver implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile DevTools tools;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        DevTools t = tools;
        if (t != null) {
          t.onMessage(text);
        }
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, java.nio.ByteBuffer data, boolean last) {
      socket.request(1);
      return null;
    }
  }
}
