package org.zhaoshang.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for the three providers, checking each request as the provider would:
 * 企业微信 group robots ({@code /cgi-bin/webhook/send?key=}), 钉钉 signed robots ({@code /robot/send?access_token=&timestamp=&sign=},
 * signature recomputed here from the robot's secret, timestamp within an hour) and Aliyun SendSms (form post, every
 * common parameter present, HMAC-SHA1 signature recomputed here). A request that breaks the protocol is answered
 * with the provider's own error and recorded as {@link #protocolErrors}. Tests script the answers: a provider error
 * code, an HTTP status, or a hang longer than the client's time-out.
 */
public final class ProviderReceiver implements AutoCloseable {

    /** One accepted message. */
    public record Received(String provider, String target, JsonNode json, Map<String, String> form) {

        /** The text a reader sees: markdown content (企业微信), markdown text (钉钉), template variables (SMS). */
        public String text() {
            return switch (provider) {
                case "wecom" -> json.path("markdown").path("content").asText();
                case "dingtalk" -> json.path("markdown").path("text").asText();
                default -> form.get("TemplateParam");
            };
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> dingtalkSecrets = new ConcurrentHashMap<>();
    private final Map<String, String> wecomKeys = new ConcurrentHashMap<>();
    private final Map<String, String> smsSecrets = new ConcurrentHashMap<>();
    private final Map<String, java.util.Deque<Supplier<Answer>>> scripted = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> protocolErrors = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    /** A scripted answer: status and body, or a hang of {@code delay} before answering. */
    public record Answer(int status, String body, Duration delay) {
    }

    public ProviderReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/cgi-bin/webhook/send", exchange -> handle(exchange, "wecom"));
        server.createContext("/robot/send", exchange -> handle(exchange, "dingtalk"));
        server.createContext("/inbox", this::inbox);
        server.createContext("/", exchange -> handle(exchange, "sms"));
        server.start();
    }

    public ProviderReceiver wecomRobot(String key) {
        wecomKeys.put(key, key);
        return this;
    }

    public ProviderReceiver dingtalkRobot(String accessToken, String secret) {
        dingtalkSecrets.put(accessToken, secret);
        return this;
    }

    public ProviderReceiver smsAccount(String accessKeyId, String secret) {
        smsSecrets.put(accessKeyId, secret);
        return this;
    }

    /** The next requests of the provider ("wecom", "dingtalk", "sms") get these answers, in order. */
    public ProviderReceiver answerNext(String provider, Answer... answers) {
        var queue = scripted.computeIfAbsent(provider, p -> new java.util.concurrent.ConcurrentLinkedDeque<>());
        for (Answer answer : answers) {
            queue.add(() -> answer);
        }
        return this;
    }

    public static Answer wecomError(int errcode, String errmsg) {
        return new Answer(200, "{\"errcode\":" + errcode + ",\"errmsg\":\"" + errmsg + "\"}", Duration.ZERO);
    }

    public static Answer dingtalkError(int errcode, String errmsg) {
        return wecomError(errcode, errmsg);
    }

    public static Answer smsError(String code, String message) {
        return new Answer(200, "{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\",\"RequestId\":\"test\"}", Duration.ZERO);
    }

    public static Answer status(int status) {
        return new Answer(status, "<html>error</html>", Duration.ZERO);
    }

    /** Holds the request for {@code delay}, then answers 504 (to a client that has long given up). */
    public static Answer hang(Duration delay) {
        return new Answer(504, "{}", delay);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String provider) {
        return received.stream().filter(r -> r.provider().equals(provider)).toList();
    }

    public List<String> protocolErrors() {
        return List.copyOf(protocolErrors);
    }

    public int requests() {
        return requests.get();
    }

    public void reset() {
        received.clear();
        protocolErrors.clear();
        scripted.clear();
        requests.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange, String provider) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            // A browser's favicon.ico when the inbox is shown: no provider call.
            try (exchange) {
                respond(exchange, 404, "{}");
            }
            return;
        }
        requests.incrementAndGet();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            var queue = scripted.get(provider);
            Supplier<Answer> next = queue == null ? null : queue.poll();
            if (next != null) {
                Answer answer = next.get();
                if (!answer.delay().isZero()) {
                    sleep(answer.delay());
                }
                if (answer.status() != 200 || !answer.body().contains("\"errcode\":0") && !answer.body().contains("\"Code\":\"OK\"")) {
                    respond(exchange, answer.status(), answer.body());
                    return;
                }
            }
            Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
            switch (provider) {
                case "wecom" -> wecom(exchange, query, body);
                case "dingtalk" -> dingtalk(exchange, query, body);
                default -> sms(exchange, body);
            }
        }
    }

    private void wecom(HttpExchange exchange, Map<String, String> query, byte[] body) throws IOException {
        String key = query.get("key");
        if (!"POST".equals(exchange.getRequestMethod()) || key == null || !wecomKeys.containsKey(key)) {
            refuse(exchange, "wecom", "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
            return;
        }
        JsonNode json = JSON.readTree(body);
        String content = json.path("markdown").path("content").asText(null);
        if (!"markdown".equals(json.path("msgtype").asText()) || content == null || content.isBlank()) {
            refuse(exchange, "wecom", "{\"errcode\":40008,\"errmsg\":\"invalid message type\"}");
            return;
        }
        if (content.getBytes(StandardCharsets.UTF_8).length > 4096) {
            refuse(exchange, "wecom", "{\"errcode\":40058,\"errmsg\":\"markdown.content exceed max length 4096\"}");
            return;
        }
        received.add(new Received("wecom", key, json, Map.of()));
        respond(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    private void dingtalk(HttpExchange exchange, Map<String, String> query, byte[] body) throws IOException {
        String token = query.get("access_token");
        String secret = token == null ? null : dingtalkSecrets.get(token);
        if (secret == null) {
            refuse(exchange, "dingtalk", "{\"errcode\":300001,\"errmsg\":\"token is not exist\"}");
            return;
        }
        String timestamp = query.get("timestamp");
        String sign = query.get("sign");
        if (timestamp == null || sign == null) {
            refuse(exchange, "dingtalk", "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
            return;
        }
        long millis = Long.parseLong(timestamp);
        if (Math.abs(Instant.now().toEpochMilli() - millis) > Duration.ofHours(1).toMillis()) {
            refuse(exchange, "dingtalk", "{\"errcode\":310000,\"errmsg\":\"timestamp out of range\"}");
            return;
        }
        if (!hmac("HmacSHA256", secret, timestamp + "\n" + secret).equals(sign)) {
            refuse(exchange, "dingtalk", "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
            return;
        }
        JsonNode json = JSON.readTree(body);
        if (!"markdown".equals(json.path("msgtype").asText()) || json.path("markdown").path("title").asText().isBlank()
                || json.path("markdown").path("text").asText().isBlank()) {
            refuse(exchange, "dingtalk", "{\"errcode\":40035,\"errmsg\":\"missing parameter\"}");
            return;
        }
        received.add(new Received("dingtalk", token, json, Map.of()));
        respond(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    private void sms(HttpExchange exchange, byte[] body) throws IOException {
        Map<String, String> form = parse(new String(body, StandardCharsets.UTF_8));
        for (String required : List.of("AccessKeyId", "Action", "Format", "PhoneNumbers", "SignName", "SignatureMethod",
                "SignatureNonce", "SignatureVersion", "TemplateCode", "TemplateParam", "Timestamp", "Version", "Signature")) {
            if (form.get(required) == null || form.get(required).isBlank()) {
                refuse(exchange, "sms", "{\"Code\":\"MissingParameter\",\"Message\":\"" + required + " is mandatory\"}");
                return;
            }
        }
        String secret = smsSecrets.get(form.get("AccessKeyId"));
        if (secret == null) {
            refuse(exchange, "sms", "{\"Code\":\"InvalidAccessKeyId.NotFound\",\"Message\":\"Specified access key is not found.\"}");
            return;
        }
        Map<String, String> signed = new TreeMap<>(form);
        signed.remove("Signature");
        StringBuilder canonical = new StringBuilder();
        signed.forEach((k, v) -> canonical.append(canonical.isEmpty() ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        String expected = hmac("HmacSHA1", secret + "&", exchange.getRequestMethod() + "&" + encode("/") + "&" + encode(canonical.toString()));
        if (!expected.equals(form.get("Signature")) || !"SendSms".equals(form.get("Action")) || !"2017-05-25".equals(form.get("Version"))) {
            refuse(exchange, "sms", "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not matched with our calculation.\"}");
            return;
        }
        if (!form.get("PhoneNumbers").matches("1[3-9]\\d{9}")) {
            refuse(exchange, "sms", "{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"非法手机号\"}");
            return;
        }
        JsonNode variables = JSON.readTree(form.get("TemplateParam"));
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) variables::fields) {
            if (field.getValue().asText().codePointCount(0, field.getValue().asText().length()) > 35) {
                refuse(exchange, "sms", "{\"Code\":\"isv.PARAM_LENGTH_LIMIT\",\"Message\":\"参数超出长度限制\"}");
                return;
            }
        }
        received.add(new Received("sms", form.get("PhoneNumbers"), variables, form));
        respond(exchange, 200, "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\",\"RequestId\":\"test\"}");
    }

    /**
     * The robot messages received so far, shown as a work group shows markdown (bold, quotes, links, @-mentions), for
     * the README's picture of a message as received. Only what the provider accepted.
     */
    private void inbox(HttpExchange exchange) throws IOException {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width">
                <style>body{margin:0;background:#f0f0f0;font-family:"Noto Sans CJK SC",sans-serif}
                header{background:#ededed;padding:12px 16px;font-size:17px;text-align:center;border-bottom:1px solid #ddd}
                .msg{display:flex;gap:10px;padding:12px}.avatar{flex:0 0 40px;height:40px;border-radius:6px;background:#2b78e4;color:#fff;
                font-size:13px;display:flex;align-items:center;justify-content:center}.bubble{background:#fff;border-radius:6px;padding:10px 12px;
                font-size:15px;line-height:1.5;max-width:80%}.who{font-size:12px;color:#888;margin-bottom:2px}blockquote{margin:6px 0;padding-left:8px;
                border-left:3px solid #ccc;color:#333}a{color:#2b78e4}.mention{color:#2b78e4}</style></head><body>
                """);
        html.append("<header>区生态环境局 · 工作群</header>");
        for (Received r : received) {
            if (r.provider().equals("sms")) {
                continue;
            }
            html.append("<div class=\"msg\"><div class=\"avatar\">机器人</div><div><div class=\"who\">招商平台通知（")
                    .append(r.provider().equals("wecom") ? "企业微信群机器人" : "钉钉群机器人").append("）</div><div class=\"bubble\">")
                    .append(markdown(r.text())).append("</div></div></div>");
        }
        respondHtml(exchange, html.append("</body></html>").toString());
    }

    private static String markdown(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String html = escape(line)
                    .replaceAll("\\*\\*(.+?)\\*\\*", "<b>$1</b>")
                    .replaceAll("\\[([^\\]]+)\\]\\(([^)]+)\\)", "<a href=\"$2\">$1</a>")
                    .replaceAll("&lt;@([A-Za-z0-9_.@-]+)&gt;", "<span class=\"mention\">@$1</span>")
                    .replaceAll("(^|\\s)@(1\\d{10})", "$1<span class=\"mention\">@$2</span>");
            out.append(line.startsWith("&gt; ") || line.startsWith("> ") ? "<blockquote>" + html.substring(5) + "</blockquote>"
                    : line.isBlank() ? "" : "<div>" + html + "</div>");
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void respondHtml(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html;charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void refuse(HttpExchange exchange, String provider, String answer) throws IOException {
        protocolErrors.add(provider + ": " + answer);
        respond(exchange, provider.equals("sms") ? 400 : 200, answer);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String hmac(String algorithm, String key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every subject line of every received robot message, to count duplicates and losses. */
    public List<String> robotLines(String provider) {
        List<String> lines = new ArrayList<>();
        for (Received r : received(provider)) {
            for (String line : r.text().split("\n")) {
                if (line.startsWith("> ")) {
                    lines.add(line.substring(2));
                }
            }
        }
        return lines;
    }
}
