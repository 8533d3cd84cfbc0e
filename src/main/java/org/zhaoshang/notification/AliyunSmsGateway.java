package org.zhaoshang.notification;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * 阿里云短信服务 SendSms (Dysmsapi, API version 2017-05-25), RPC style: the parameters, sorted and percent-encoded
 * (RFC 3986), are signed as {@code POST&%2F&<encoded query>} with HMAC-SHA1 under {@code accessKeySecret + "&"} and
 * posted as a form. Answers {@code {"Code":"OK",…}}; rate limits (isv.BUSINESS_LIMIT_CONTROL, Throttling…), an empty
 * balance and the provider's own errors are temporary, every other code (a malformed number, an unapproved template
 * or signature, a wrong key) is a refusal for good.
 */
class AliyunSmsGateway implements SmsGateway {

    static final String DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> TEMPORARY = Set.of("isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL", "Throttling",
            "Throttling.User", "Throttling.Api", "isp.SYSTEM_ERROR", "isv.AMOUNT_NOT_ENOUGH", "ServiceUnavailable", "InternalError");

    private final ChannelProperties.Sms settings;
    private final ProviderHttp http;

    AliyunSmsGateway(ChannelProperties.Sms settings, ProviderHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public boolean configured() {
        return settings.configured();
    }

    @Override
    public String describe() {
        return configured() ? "阿里云短信（签名：" + settings.signName() + "，模板：" + settings.templateCode() + "）" : "未配置";
    }

    @Override
    public Delivery send(String mobile, Map<String, String> variables) {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("AccessKeyId", settings.accessKeyId());
        parameters.put("Action", "SendSms");
        parameters.put("Format", "JSON");
        parameters.put("PhoneNumbers", mobile);
        parameters.put("RegionId", settings.regionId());
        parameters.put("SignName", settings.signName());
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureNonce", UUID.randomUUID().toString());
        parameters.put("SignatureVersion", "1.0");
        parameters.put("TemplateCode", settings.templateCode());
        parameters.put("TemplateParam", http.write(new TreeMap<>(variables)));
        parameters.put("Timestamp", TIMESTAMP.format(Instant.now()));
        parameters.put("Version", "2017-05-25");
        String query = canonical(parameters);
        String form = query + "&Signature=" + encode(signature("POST", query, settings.accessKeySecret()));
        String endpoint = settings.endpoint().isBlank() ? DEFAULT_ENDPOINT : settings.endpoint();
        try {
            ProviderHttp.Answer answer = http.post(URI.create(endpoint + "/"), "application/x-www-form-urlencoded; charset=utf-8", form);
            if (answer.body() == null || !answer.body().has("Code")) {
                return ProviderHttp.withoutCode(answer, "阿里云短信");
            }
            String code = answer.body().path("Code").asText();
            if ("OK".equals(code)) {
                return Delivery.sent();
            }
            String message = "阿里云短信 " + code + "：" + answer.body().path("Message").asText("");
            return TEMPORARY.contains(code) ? Delivery.temporary(message) : Delivery.permanent(message);
        } catch (ProviderHttp.Unreachable e) {
            return Delivery.temporary(e.getMessage());
        }
    }

    /** The sorted, encoded query string that is signed (and sent). */
    static String canonical(Map<String, String> sortedParameters) {
        StringBuilder query = new StringBuilder();
        sortedParameters.forEach((key, value) -> query.append(query.isEmpty() ? "" : "&").append(encode(key)).append('=').append(encode(value)));
        return query.toString();
    }

    static String signature(String method, String canonicalQuery, String secret) {
        String toSign = method + "&" + encode("/") + "&" + encode(canonicalQuery);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1", e);
        }
    }

    /** RFC 3986 percent-encoding as Aliyun's signature requires: space %20, * %2A, ~ kept. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
