package dev.briefing.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One browser tab: navigate to a file, then ask it questions in JavaScript. Everything the
 * page reports is recorded per load: console calls, uncaught exceptions, log entries at
 * warning or error level (CSP violations, failed loads), and every network request.
 */
public final class BrowserPage implements AutoCloseable {

    private final DevTools devTools;
    private final String targetId;
    private final String sessionId;
    private final Consumer<JsonNode> listener = this::onEvent;
    private final List<String> problems = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    private BrowserPage(DevTools devTools, String targetId, String sessionId) {
        this.devTools = devTools;
        this.targetId = targetId;
        this.sessionId = sessionId;
    }

    static BrowserPage open(DevTools devTools) {
        String targetId = devTools.call(null, "Target.createTarget", DevTools.params().put("url", "about:blank"))
                .get("targetId").asText();
        String sessionId = devTools.call(null, "Target.attachToTarget",
                DevTools.params().put("targetId", targetId).put("flatten", true)).get("sessionId").asText();
        BrowserPage page = new BrowserPage(devTools, targetId, sessionId);
        devTools.addListener(page.listener);
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            page.call(domain + ".enable", null);
        }
        // Headless tabs are never the focused window; without this, :focus never matches.
        page.call("Emulation.setFocusEmulationEnabled", DevTools.params().put("enabled", true));
        page.call("Emulation.setDeviceMetricsOverride", DevTools.params().put("width", 1200).put("height", 900)
                .put("deviceScaleFactor", 1).put("mobile", false));
        return page;
    }

    /** Loads the file and waits for its load event; what was recorded before is cleared. */
    public void load(Path file) {
        load(file.toAbsolutePath().toUri().toString());
    }

    public void load(String url) {
        synchronized (this) {
            problems.clear();
            requests.clear();
            loaded = new CompletableFuture<>();
        }
        // The mouse stays where an earlier test left it; move it off, so no hover carries over.
        call("Input.dispatchMouseEvent", DevTools.params().put("type", "mouseMoved").put("x", 0).put("y", 0));
        JsonNode result = call("Page.navigate", DevTools.params().put("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("cannot load " + url + ": " + result.get("errorText").asText());
        }
        try {
            loaded.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted loading " + url, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no load event for " + url, e);
        }
        // A round trip: every event the page sent before the reply has now been recorded.
        evaluate("document.readyState");
    }

    /** Console calls, uncaught exceptions and warning or error log entries since the last load. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** URLs the page requested since the last load (the page itself included). */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** The value of a JavaScript expression, returned by value. */
    public JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", DevTools.params().put("expression", expression)
                .put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("evaluating " + expression + " threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Moves the mouse over the centre of the first element matching the selector. */
    public void hover(String selector) {
        JsonNode point = evaluate("(() => { const e = document.querySelector(" + DevTools.JSON.valueToTree(selector)
                + "); e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        call("Input.dispatchMouseEvent", DevTools.params().put("type", "mouseMoved")
                .put("x", point.get("x").asDouble()).put("y", point.get("y").asDouble()));
    }

    /** Emulates a CSS media type ({@code print}, {@code screen}), or none with an empty string. */
    public void emulateMedia(String media) {
        call("Emulation.setEmulatedMedia", DevTools.params().put("media", media));
    }

    /**
     * Emulates a CSS media type ({@code print}, {@code screen}, or none with an empty string) and
     * a {@code prefers-color-scheme} ({@code dark}, {@code light}, or the browser's with an empty string).
     */
    public void emulateMedia(String media, String colorScheme) {
        ObjectNode params = DevTools.params().put("media", media);
        params.putArray("features").addObject().put("name", "prefers-color-scheme").put("value", colorScheme);
        call("Emulation.setEmulatedMedia", params);
    }

    /** Sets the viewport, in CSS pixels: 1200 x 900 for a desktop, 390 x 844 for a phone. */
    public void viewport(int width, int height, boolean mobile) {
        call("Emulation.setDeviceMetricsOverride", DevTools.params().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", mobile));
    }

    /** A PNG of the whole page, written to {@code file}. */
    public Path screenshot(Path file) throws IOException {
        JsonNode size = call("Page.getLayoutMetrics", null).path("cssContentSize");
        ObjectNode clip = DevTools.params().put("x", 0).put("y", 0)
                .put("width", Math.ceil(size.path("width").asDouble(1200)))
                .put("height", Math.ceil(size.path("height").asDouble(900))).put("scale", 1);
        ObjectNode params = DevTools.params().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        String data = call("Page.captureScreenshot", params).get("data").asText();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(data));
        return file;
    }

    /**
     * A PNG of the part of the page from the top of the first element matching {@code from}
     * to the bottom of the first matching {@code to} (the same selector for one element), full width.
     */
    public Path screenshot(Path file, String from, String to) throws IOException {
        JsonNode box = evaluate("(() => { const a = document.querySelector(" + DevTools.JSON.valueToTree(from)
                + ").getBoundingClientRect(); const b = document.querySelector(" + DevTools.JSON.valueToTree(to)
                + ").getBoundingClientRect(); return {top: a.top + scrollY, bottom: b.bottom + scrollY,"
                + " width: document.documentElement.scrollWidth}; })()");
        double top = Math.max(0, Math.floor(box.get("top").asDouble()) - 8);
        ObjectNode clip = DevTools.params().put("x", 0).put("y", top).put("width", box.get("width").asDouble())
                .put("height", Math.ceil(box.get("bottom").asDouble() - top + 8)).put("scale", 1);
        ObjectNode params = DevTools.params().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        String data = call("Page.captureScreenshot", params).get("data").asText();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(data));
        return file;
    }

    @Override
    public void close() {
        devTools.removeListener(listener);
        try {
            devTools.call(null, "Target.closeTarget", DevTools.params().put("targetId", targetId));
        } catch (RuntimeException e) {
            // The browser is going away anyway.
        }
    }

    private JsonNode call(String method, ObjectNode params) {
        return devTools.call(sessionId, method, params);
    }

    private void onEvent(JsonNode event) {
        if (!sessionId.equals(event.path("sessionId").asText())) {
            return;
        }
        JsonNode params = event.path("params");
        switch (event.get("method").asText()) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.consoleAPICalled" -> record("console." + params.path("type").asText() + ": "
                    + params.path("args"));
            case "Runtime.exceptionThrown" -> record("exception: " + params.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                String level = params.path("entry").path("level").asText();
                if (level.equals("error") || level.equals("warning")) {
                    record("log " + level + ": " + params.path("entry").path("text").asText() + " "
                            + params.path("entry").path("url").asText());
                }
            }
            case "Network.requestWillBeSent" -> {
                synchronized (this) {
                    requests.add(params.path("request").path("url").asText());
                }
            }
            default -> {
            }
        }
    }

    private synchronized void record(String problem) {
        problems.add(problem);
    }
}
