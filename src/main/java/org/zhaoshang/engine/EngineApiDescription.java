package org.zhaoshang.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Camunda's own description of its REST API ({@code openapi.json} of {@code camunda-engine-rest-openapi}, the same
 * version as the engine): which operation a request is, the types of its query parameters, path parameters and
 * body. {@link EngineInputCheck} reads it to refuse input of the wrong type before the engine sees it, for every
 * operation, present and future, without a list of endpoints in our code. The webapps' engine API
 * ({@code /camunda/api/engine/engine/{name}}) and the REST API's engine-named paths ({@code /engine-rest/engine/{name}})
 * are the same API under other prefixes.
 */
@Component
public class EngineApiDescription {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    /** The webapps' prefix, and the REST API's with or without a named engine ({@code /engine-rest/engine/default/task}). */
    private static final Pattern PREFIX = Pattern.compile("^(/camunda/api/engine/engine/[^/]+|/engine-rest(/engine/[^/]+(?=/))?)(?=/)");

    /** One operation of the API: its template and the schemas of its input. */
    public record Operation(String method, String template, String operationId, Pattern path, List<String> pathParameters,
            Map<String, JsonNode> queryParameters, JsonNode jsonBody, JsonNode multipartBody) {

        /** The path parameters of a concrete path (name → value, still URL-encoded). */
        public Map<String, String> pathValues(String apiPath) {
            Map<String, String> values = new LinkedHashMap<>();
            Matcher matcher = path.matcher(apiPath);
            if (matcher.matches()) {
                for (int i = 0; i < pathParameters.size(); i++) {
                    values.put(pathParameters.get(i), matcher.group(i + 1));
                }
            }
            return values;
        }
    }

    private final JsonNode schemas;
    private final List<Operation> operations;

    public EngineApiDescription(ObjectMapper json) {
        JsonNode description;
        try (InputStream in = EngineApiDescription.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("Camunda's REST API description /openapi.json (camunda-engine-rest-openapi) is not on the classpath");
            }
            description = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Camunda's REST API description", e);
        }
        this.schemas = description.path("components").path("schemas");
        List<Operation> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = description.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                found.add(operation(path.getKey(), method.getKey().toUpperCase(Locale.ROOT), method.getValue()));
            }
        }
        // The most specific template first: "/process-definition/key/{key}" before "/process-definition/{id}".
        found.sort(Comparator.comparingInt((Operation o) -> PARAMETER.matcher(o.template()).replaceAll("").length()).reversed());
        this.operations = List.copyOf(found);
    }

    /** The path of a request inside the API ("/task/1/complete"), or null when the request is not for the engine API. */
    public static String apiPath(String pathWithinApplication) {
        Matcher prefix = PREFIX.matcher(pathWithinApplication);
        return prefix.find() ? pathWithinApplication.substring(prefix.end()) : null;
    }

    /** The operation a request is, if the description has it. */
    public Optional<Operation> find(String method, String apiPath) {
        if (apiPath == null) {
            return Optional.empty();
        }
        return operations.stream().filter(o -> o.method().equals(method) && o.path().matcher(apiPath).matches()).findFirst();
    }

    /** The schema behind a {@code $ref} (followed until it is not one). */
    public JsonNode resolve(JsonNode schema) {
        JsonNode current = schema == null ? MissingNode.getInstance() : schema;
        for (int depth = 0; depth < 20 && current.has("$ref"); depth++) {
            String ref = current.path("$ref").asText();
            current = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return current;
    }

    /** The properties of an object schema, those of its {@code allOf} parts included. */
    public Map<String, JsonNode> properties(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        resolved.path("allOf").forEach(part -> properties.putAll(properties(part)));
        resolved.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue()));
        return properties;
    }

    /** True for Camunda's typed variable value ({@code VariableValueDto}: value, type, valueInfo). */
    public boolean isVariable(JsonNode schema) {
        JsonNode properties = resolve(schema).path("properties");
        return properties.has("value") && properties.has("type") && properties.has("valueInfo");
    }

    private Operation operation(String template, String method, JsonNode operation) {
        List<String> pathParameters = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        Matcher parameter = PARAMETER.matcher(template);
        int last = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(last, parameter.start()))).append("([^/]+)");
            pathParameters.add(parameter.group(1));
            last = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append("/?$");
        Map<String, JsonNode> query = new LinkedHashMap<>();
        for (JsonNode p : operation.path("parameters")) {
            JsonNode resolved = resolve(p);
            if ("query".equals(resolved.path("in").asText())) {
                query.put(resolved.path("name").asText(), resolve(resolved.path("schema")));
            }
        }
        JsonNode content = operation.path("requestBody").path("content");
        return new Operation(method, template, operation.path("operationId").asText(""), Pattern.compile(regex.toString()), List.copyOf(pathParameters), query,
                content.path("application/json").path("schema"), content.path("multipart/form-data").path("schema"));
    }
}
