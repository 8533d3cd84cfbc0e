package org.zhaoshang.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.UploadContext;
import org.apache.commons.fileupload.util.Streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What is wrong with the input of a write to the engine API, said in Chinese, before the engine sees it — or null
 * when nothing is. The types come from Camunda's own description of the operation ({@link EngineApiDescription}),
 * so every operation is covered the same way: query parameters that do not parse as their type (Camunda reads a
 * wrong boolean as {@code false}, so {@code DELETE …?skipCustomListeners=abc} would run), JSON that does not parse
 * or has a value of the wrong type where no lenient reading could take it, texts longer than
 * {@value TaskForm#MAX_TEXT} characters or with control characters anywhere (the engine's text columns hold 4,000;
 * PostgreSQL cannot store NUL), variables of a type the product does not store, identifiers in the path longer than
 * any identifier, and uploads that are not multipart or whose fields have the wrong type. Being lenient where
 * Camunda's own reader is (a number for a text, "12" for a number, "true" for a boolean), it refuses nothing
 * Tasklist, Cockpit or Admin send.
 */
final class EngineInputCheck {

    /** A refusal: HTTP status and the Chinese message. */
    record Refusal(int status, String message) {

        static Refusal badRequest(String message) {
            return new Refusal(400, "提交的数据无效：" + message);
        }
    }

    /** Identifiers: Camunda's are at most 64 characters, variable and message names at most 255. */
    static final int MAX_IDENTIFIER = 255;
    /** Control characters other than tab and line breaks. */
    static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t\\r\\n]]");
    /** The variable types the engine of this product stores (no XML data format is installed). */
    static final Set<String> VARIABLE_TYPES = Set.of("string", "boolean", "integer", "short", "long", "double", "date", "json",
            "object", "null");
    /**
     * File and byte variables: no form or step of the product uses them, and stored through the engine API they would
     * bypass the size and content checks of evidence uploads (a 250 MB file was accepted).
     */
    static final Set<String> FILE_TYPES = Set.of("bytes", "file");
    /** Camunda's REST date format, and ISO-8601 with an offset, which it also reads. */
    private static final DateTimeFormatter CAMUNDA_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** Path parameters that name a user, a group or a tenant. */
    private static final Pattern IDENTITY_PATH = Pattern.compile("^/(user|group|tenant)/\\{id}.*");
    private static final Set<String> IDENTITY_PARAMETERS = Set.of("userId", "groupId");

    private final EngineApiDescription description;
    private final ObjectMapper json;
    private final Predicate<String> allowedObjectType;
    private final Pattern identityIds;

    /**
     * @param identityIds what a user, group or tenant id may look like (the engine's {@code generalResourceWhitelistPattern});
     *        an id that could never have been created is refused instead of being "deleted" with a 204
     */
    EngineInputCheck(EngineApiDescription description, ObjectMapper json, Predicate<String> allowedObjectType, Pattern identityIds) {
        this.description = description;
        this.json = json;
        this.allowedObjectType = allowedObjectType;
        this.identityIds = identityIds;
    }

    // --- path and query -----------------------------------------------------------------------------

    /** Path identifiers and query parameters of a write. */
    Refusal parameters(EngineApiDescription.Operation operation, String apiPath, Map<String, String[]> query) {
        for (Map.Entry<String, String> parameter : operation.pathValues(apiPath).entrySet()) {
            String value = URLDecoder.decode(parameter.getValue(), StandardCharsets.UTF_8);
            if (value.codePointCount(0, value.length()) > MAX_IDENTIFIER) {
                return Refusal.badRequest("路径中的标识「" + parameter.getKey() + "」过长（不超过 " + MAX_IDENTIFIER + " 个字符），没有这样的对象");
            }
            if (CONTROL.matcher(value).find()) {
                return Refusal.badRequest("路径中的标识「" + parameter.getKey() + "」不能包含控制字符");
            }
            boolean identity = IDENTITY_PARAMETERS.contains(parameter.getKey())
                    || parameter.getKey().equals("id") && IDENTITY_PATH.matcher(operation.template()).matches();
            if (identity && identityIds != null && !identityIds.matcher(value).matches()) {
                return Refusal.badRequest("「" + value + "」不是有效的用户、组或租户标识（只能包含字母、数字、“-”和“_”，并以字母或数字开头）");
            }
        }
        for (Map.Entry<String, String[]> parameter : query.entrySet()) {
            JsonNode schema = operation.queryParameters().get(parameter.getKey());
            for (String value : parameter.getValue()) {
                String refused = text(parameter.getKey(), value);
                if (refused == null && schema != null) {
                    refused = scalar(parameter.getKey(), value, schema);
                }
                if (refused != null) {
                    return Refusal.badRequest("查询参数" + refused);
                }
            }
        }
        return null;
    }

    // --- JSON ---------------------------------------------------------------------------------------

    /**
     * A JSON body: it must parse; values must fit the operation's schema; every text is bounded and printable;
     * variables must be of a stored type. {@code form} marks a task completion or process start from a form, whose
     * variables may only be of the types a form sends.
     */
    Refusal json(EngineApiDescription.Operation operation, byte[] body, boolean form) {
        if (body.length == 0) {
            return null;
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            return Refusal.badRequest("请求内容不是有效的 JSON" + (at == null ? "" : "（第 " + at.getLineNr() + " 行第 " + at.getColumnNr() + " 列附近）"));
        } catch (IOException e) {
            return Refusal.badRequest("请求内容无法读取");
        }
        if (node == null) {
            return null;
        }
        String refused = operation == null || operation.jsonBody().isMissingNode() ? anyValue("", node)
                : value("", node, operation.jsonBody(), form);
        return refused == null ? null : Refusal.badRequest(refused);
    }

    private String value(String path, JsonNode node, JsonNode schemaOrRef, boolean form) {
        if (node.isNull()) {
            return null;
        }
        JsonNode schema = description.resolve(schemaOrRef);
        if (description.isVariable(schema)) {
            return variable(path, node, form);
        }
        String type = schema.path("type").asText(schema.has("properties") || schema.has("allOf") ? "object" : "");
        String name = path.isEmpty() ? "请求内容" : "「" + path + "」";
        switch (type) {
            case "string", "integer", "number", "boolean" -> {
                if (!node.isValueNode()) {
                    return name + "应为" + typeName(type, schema);
                }
                String text = node.asText();
                String refused = node.isTextual() ? text(path, text) : null;
                return refused != null || type.equals("string") ? refused : scalar(path, text, schema);
            }
            case "array" -> {
                if (!node.isArray()) {
                    return name + "应为列表";
                }
                for (int i = 0; i < node.size(); i++) {
                    String refused = value(path + "[" + i + "]", node.get(i), schema.path("items"), false);
                    if (refused != null) {
                        return refused;
                    }
                }
                return null;
            }
            case "object" -> {
                if (!node.isObject()) {
                    return name + "应为 JSON 对象";
                }
                Map<String, JsonNode> properties = description.properties(schema);
                JsonNode additional = schema.path("additionalProperties");
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                    String refused = text("字段名", field.getKey());
                    if (refused == null) {
                        JsonNode childSchema = properties.get(field.getKey());
                        boolean formVariables = form && path.isEmpty() && field.getKey().equals("variables");
                        refused = childSchema != null ? value(child, field.getValue(), childSchema, formVariables)
                                : additional.isObject() ? value(field.getKey(), field.getValue(), additional, form)
                                : anyValue(child, field.getValue());
                    }
                    if (refused != null) {
                        return refused;
                    }
                }
                return null;
            }
            default -> {
                return anyValue(path, node);
            }
        }
    }

    /** A typed variable: {@code {"value": …, "type": …, "valueInfo": {…}}}. */
    private String variable(String name, JsonNode node, boolean form) {
        String label = name.isEmpty() ? "变量" : "变量「" + name + "」"; // a PUT of one variable names it in the path
        if (!node.isObject()) {
            return label + "应为 {\"value\": …, \"type\": …} 形式的 JSON 对象";
        }
        JsonNode typeNode = node.path("type");
        JsonNode value = node.path("value");
        String type = typeNode.isMissingNode() || typeNode.isNull() ? null : typeNode.asText().toLowerCase(Locale.ROOT);
        if (type != null && typeNode.isTextual() && FILE_TYPES.contains(type)) {
            return label + "的类型「" + typeNode.asText() + "」不受支持：流程变量不保存文件，佐证材料请在项目页面的「佐证材料」中上传";
        }
        if (type != null && (!typeNode.isTextual() || !VARIABLE_TYPES.contains(type))) {
            return type != null && type.equals("xml") ? label + "的类型 Xml 不受支持，请改用 Json"
                    : label + "的类型「" + typeNode.asText() + "」不受支持，请使用 String、Boolean、Integer、Long、Double、Date、Json 或 Object";
        }
        if (form && type != null && !EngineApiGuard.FORM_TYPES.contains(type)) {
            return label + "的类型「" + typeNode.asText() + "」不受支持，请使用 " + EngineApiGuard.FORM_TYPE_NAMES + " 类型（文件请在项目页面上传）";
        }
        boolean text = type == null ? value.isTextual() : type.equals("string");
        if (text && value.isTextual()) {
            String refused = text(name, value.asText());
            if (refused != null) {
                return refused;
            }
        }
        if (type != null && !value.isMissingNode() && !value.isNull()) {
            String refused = switch (type) {
                case "boolean" -> value.isBoolean() || value.asText().matches("(?i)true|false") ? null : "不是有效的是/否值";
                case "integer" -> integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE) ? null : "不是有效的整数";
                case "short" -> integral(value, Short.MIN_VALUE, Short.MAX_VALUE) ? null : "不是有效的整数（−32768～32767）";
                case "long" -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE) ? null : "不是有效的整数";
                case "double" -> number(value.asText()) != null && !value.isContainerNode() ? null : "不是有效的数字";
                case "date" -> value.isTextual() && date(value.asText()) ? null : "不是有效的日期（yyyy-MM-dd'T'HH:mm:ss.SSSZ）";
                default -> null;
            };
            if (refused != null) {
                return label + "的值" + refused;
            }
        }
        String className = node.path("valueInfo").path("objectTypeName").asText("");
        if ("object".equals(type) && !className.isEmpty() && !allowedObjectType.test(className)) {
            return "不允许的对象类型「" + className + "」（只接受 java.lang 和常用集合类型）";
        }
        return null;
    }

    /** Texts anywhere in a value the description leaves open: bounded and printable. */
    private String anyValue(String path, JsonNode node) {
        if (node.isTextual()) {
            return text(path, node.asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String refused = text("字段名", field.getKey());
            if (refused == null) {
                refused = anyValue(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue());
            }
            if (refused != null) {
                return refused;
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String refused = anyValue(path + "[" + i + "]", node.get(i));
                if (refused != null) {
                    return refused;
                }
            }
        }
        return null;
    }

    // --- multipart ----------------------------------------------------------------------------------

    /** An upload (deployment, binary variable, attachment): it must parse; its text fields must fit their types. */
    Refusal multipart(EngineApiDescription.Operation operation, byte[] body, String contentType) {
        Map<String, JsonNode> fields = description.properties(operation.multipartBody());
        int parts = 0;
        try {
            FileItemIterator items = new FileUpload().getItemIterator(new BytesUpload(body, contentType));
            while (items.hasNext()) {
                FileItemStream item = items.next();
                parts++;
                if (!item.isFormField()) {
                    String refused = item.getName() == null ? null : text("文件名", item.getName());
                    if (refused != null) {
                        return Refusal.badRequest(refused);
                    }
                    continue;
                }
                String value;
                try (InputStream in = item.openStream()) {
                    value = Streams.asString(in, StandardCharsets.UTF_8.name());
                }
                String refused = text(item.getFieldName(), value);
                JsonNode schema = fields.get(item.getFieldName());
                if (refused == null && schema != null) {
                    JsonNode resolved = description.resolve(schema);
                    refused = scalar(item.getFieldName(), value, resolved);
                    if (refused == null && resolved.has("enum") && !contains(resolved.path("enum"), value)) {
                        refused = "「" + item.getFieldName() + "」的取值「" + value + "」无效，可选：" + resolved.path("enum").toString();
                    }
                }
                if (refused != null) {
                    return Refusal.badRequest(refused);
                }
            }
        } catch (FileUploadException | IOException | RuntimeException e) {
            return Refusal.badRequest("上传内容不是有效的 multipart/form-data");
        }
        return parts == 0 ? Refusal.badRequest("上传内容为空或不是有效的 multipart/form-data") : null;
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode v : values) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The whole (already bounded) body, for commons-fileupload. */
    private record BytesUpload(byte[] body, String contentType) implements UploadContext {

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        @Deprecated
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long contentLength() {
            return body.length;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(body);
        }
    }

    // --- values -------------------------------------------------------------------------------------

    /** A text: at most {@value TaskForm#MAX_TEXT} characters, no control characters. */
    static String text(String name, String value) {
        if (value.codePointCount(0, value.length()) > TaskForm.MAX_TEXT) {
            return "「" + name + "」内容过长（不超过 " + TaskForm.MAX_TEXT + " 字）";
        }
        if (CONTROL.matcher(value).find()) {
            return "「" + name + "」不能包含控制字符";
        }
        return null;
    }

    /** A scalar given as text (query parameter, form field, JSON value) that must parse as the schema's type. */
    static String scalar(String name, String value, JsonNode schema) {
        String type = schema.path("type").asText("");
        boolean ok = switch (type) {
            case "boolean" -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
            case "integer" -> number(value) != null && number(value).stripTrailingZeros().scale() <= 0;
            case "number" -> number(value) != null;
            case "string" -> !schema.path("format").asText("").startsWith("date") || value.isEmpty() || date(value);
            default -> true;
        };
        return ok ? null : "「" + name + "」应为" + typeName(type, schema) + "，「" + shorten(value) + "」不是";
    }

    private static String typeName(String type, JsonNode schema) {
        return switch (type) {
            case "boolean" -> " true 或 false";
            case "integer" -> "整数";
            case "number" -> "数字";
            case "string" -> schema.path("format").asText("").startsWith("date") ? "日期时间（yyyy-MM-dd'T'HH:mm:ss.SSSZ）" : "文本";
            case "array" -> "列表";
            default -> " JSON 对象";
        };
    }

    private static boolean integral(JsonNode value, long min, long max) {
        if (value.isContainerNode() || value.isBoolean()) {
            return false;
        }
        BigDecimal number = number(value.asText());
        return number != null && number.stripTrailingZeros().scale() <= 0
                && number.compareTo(BigDecimal.valueOf(min)) >= 0 && number.compareTo(BigDecimal.valueOf(max)) <= 0;
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean date(String text) {
        try {
            CAMUNDA_DATE.parse(text);
            return true;
        } catch (DateTimeParseException camundaFormat) {
            try {
                OffsetDateTime.parse(text);
                return true;
            } catch (DateTimeParseException iso) {
                return false;
            }
        }
    }

    private static String shorten(String value) {
        return value.length() > 30 ? value.substring(0, 30) + "…" : value;
    }
}
