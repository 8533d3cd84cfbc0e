package org.zhaoshang.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The answer a servlet filter gives on its own, before Spring MVC or the engine API: JSON (the API error
 * shape) for the app's API, the engine REST API and the webapps' API, a small Chinese page for the rest.
 */
public final class FilterAnswers {

    private FilterAnswers() {
    }

    public static void write(ObjectMapper json, HttpServletResponse response, String path, int status, String title, String message)
            throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ApiError.of(status, message));
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter().write("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
                    + "</title><p>" + HtmlUtils.htmlEscape(message) + "</p></html>");
        }
    }
}
