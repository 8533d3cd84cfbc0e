package org.zhaoshang.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/**
 * HTTP to the messaging providers: one request per message, bounded as a whole by {@code app.channels.timeout}
 * (connect, send and answer), so a provider that accepts and then stalls costs one attempt. Errors are described
 * without the request's address, which carries the robot's key.
 */
@Component
class ProviderHttp {

    private final HttpClient client;
    private final Duration timeout;
    private final ObjectMapper json;

    ProviderHttp(ChannelProperties properties, ObjectMapper json) {
        this.timeout = properties.timeout();
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** An answer: the HTTP status and the JSON body (null when the body is not JSON). */
    record Answer(int status, JsonNode body) {
    }

    /** A failure before any answer (time-out, no connection): always temporary. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    Answer post(URI uri, String contentType, String body) throws Unreachable {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode parsed;
            try {
                byte[] bytes = response.body();
                parsed = bytes.length == 0 || bytes.length > 1_000_000 ? null : json.readTree(bytes);
            } catch (IOException notJson) {
                parsed = null;
            }
            return new Answer(response.statusCode(), parsed);
        } catch (HttpTimeoutException e) {
            throw new Unreachable("服务商在 " + timeout.toSeconds() + " 秒内没有应答");
        } catch (IOException e) {
            throw new Unreachable("无法连接服务商（" + e.getClass().getSimpleName() + "）");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("发送被中断");
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An answer that lacks the provider's result code: a refusal by its HTTP status, or — a 2xx that says nothing —
     * temporary, as it is not known whether {@code provider} took the message.
     */
    static Delivery withoutCode(Answer answer, String provider) {
        Delivery byStatus = byStatus(answer);
        return byStatus.outcome() == Delivery.Outcome.SENT ? Delivery.temporary(provider + "应答无法识别（HTTP " + answer.status() + "）") : byStatus;
    }

    /** The common reading of an answer without a provider code: 2xx fine, 429 and 5xx temporary, the rest for good. */
    static Delivery byStatus(Answer answer) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return Delivery.sent();
        }
        return status == 429 || status >= 500 ? Delivery.temporary("HTTP " + status) : Delivery.permanent("HTTP " + status);
    }
}
