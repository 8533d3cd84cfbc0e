package org.zhaoshang.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An HTTP client that behaves like a browser tab for HTTP-level tests: keeps cookies, does not follow
 * redirects (tests assert them), and knows how to log in through the login form with its CSRF token.
 * Without a login it is an anonymous client; {@link #basic} makes an API client instead.
 */
public final class Browser {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient client;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private String basicAuthorization;

    public Browser(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** An API client sending HTTP Basic credentials with every request, without a session. */
    public static Browser basic(int port, String user, String password) {
        Browser browser = new Browser(port);
        browser.basicAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return browser;
    }

    /** An API client sending an OAuth 2.0 access token (a bearer token) with every request, without a session. */
    public static Browser bearer(int port, String token) {
        Browser browser = new Browser(port);
        browser.basicAuthorization = "Bearer " + token;
        return browser;
    }

    /** Logs in through the Chinese login form; returns the response of the form post. */
    public HttpResponse<String> login(String user, String password) {
        String token = csrfFrom(get("/login").body(), CSRF_FIELD);
        return postForm("/login", Map.of("username", user, "password", password, "_csrf", token));
    }

    /**
     * A logged-in session as the webapps have it: Tasklist opened, and Camunda's CSRF cookie handed out (by the
     * "who is logged in" call), ready for {@link #webappHeaders()}.
     */
    public static Browser webapps(int port, String user) {
        Browser browser = new Browser(port);
        browser.login(user, "demo");
        int tasklist = browser.get("/camunda/app/tasklist/default/").statusCode();
        if (tasklist != 200) {
            throw new IllegalStateException("Tasklist answered " + tasklist + " for " + user);
        }
        browser.get("/camunda/api/admin/auth/user/default");
        return browser;
    }

    /** What the webapps send with a write: Camunda's CSRF token (from its cookie), the origin, JSON accepted. */
    public Map<String, String> webappHeaders() {
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse("");
        return Map.of("X-XSRF-TOKEN", xsrf, "Origin", baseUrl, "Accept", "application/json");
    }

    /** The CSRF token of a page of the app (from its meta tag), for JSON writes with the session. */
    public String csrfToken() {
        return csrfFrom(get("/").body(), CSRF_META);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** A download, as bytes. */
    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> postJson(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A multipart/form-data post with text fields and one file, as a browser's upload form sends it. */
    public HttpResponse<String> postMultipart(String path, Map<String, String> fields, String fileField, String fileName, byte[] content) {
        String boundary = "----zhaoshang" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Deploys one model file through the engine REST API, as Camunda Modeler does. */
    public HttpResponse<String> deploy(String deploymentName, String fileName, String xml) {
        return postMultipart("/engine-rest/deployment/create", Map.of("deployment-name", deploymentName), "data", fileName,
                xml.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (basicAuthorization != null) {
            builder.header("Authorization", basicAuthorization);
        }
        return builder;
    }

    public CookieManager cookies() {
        return cookies;
    }

    private static String csrfFrom(String html, Pattern pattern) {
        Matcher matcher = pattern.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("No CSRF token in page: " + html.substring(0, Math.min(html.length(), 300)));
        }
        return matcher.group(1);
    }
}
