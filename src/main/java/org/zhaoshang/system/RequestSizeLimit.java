package org.zhaoshang.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A body larger than any form or API call of the product needs (JSON, form posts; 2 MB by default,
 * {@code app.request.max-body-size}) is refused with 413 and a Chinese message before anything reads it:
 * Tomcat limits form posts and Spring multipart uploads, but nothing limited a JSON body, which the engine
 * API and the app's API read whole into memory. Uploads (multipart) keep their own, larger limit
 * ({@code spring.servlet.multipart.max-request-size}), refused here when announced larger. A body sent without a
 * length (chunked) is read up to the limit here and handed on from memory.
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimit {

    static final String MESSAGE = "请求内容过大（超过 %s），请精简后重新提交；文件请通过上传功能提交";

    static final String UPLOAD_MESSAGE = "上传内容过大（超过 %s），请压缩或拆分后重新上传";

    @Bean
    FilterRegistrationBean<Filter> requestSizeLimitFilter(ObjectMapper json, @Value("${app.request.max-body-size:2MB}") DataSize limit,
            @Value("${spring.servlet.multipart.max-request-size:22MB}") DataSize uploadLimit) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(json, limit.toBytes(), uploadLimit.toBytes()));
        registration.setName("requestSizeLimit");
        // Right behind the database guard, before logging in: a refused body costs nothing.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {

        private final ObjectMapper json;
        private final long limit;
        private final long uploadLimit;

        Filter(ObjectMapper json, long limit, long uploadLimit) {
            this.json = json;
            this.limit = limit;
            this.uploadLimit = uploadLimit;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long declared = request.getContentLengthLong();
            String type = request.getContentType();
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
                // An upload announced larger than any upload may be is refused before anything (a page that takes no upload
                // would otherwise run first); one sent chunked is bounded where it is read (Tomcat's parser, the engine guard).
                if (declared > uploadLimit) {
                    refuse(request, response, UPLOAD_MESSAGE, uploadLimit);
                } else {
                    chain.doFilter(request, response);
                }
                return;
            }
            if (declared > limit) {
                refuse(request, response, MESSAGE, limit);
                return;
            }
            // Form posts are limited by Tomcat (max-http-form-post-size) and parsed from its own stream.
            boolean chunked = declared < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"))
                    && !String.valueOf(request.getContentType()).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
            if (!chunked) {
                chain.doFilter(request, response);
                return;
            }
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                refuse(request, response, MESSAGE, limit);
                return;
            }
            chain.doFilter(new InMemoryBody(request, body), response);
        }

        private void refuse(HttpServletRequest request, HttpServletResponse response, String template, long bytes) throws IOException {
            String message = template.formatted(DataSize.ofBytes(bytes).toMegabytes() > 0 ? DataSize.ofBytes(bytes).toMegabytes() + " MB"
                    : bytes + " 字节");
            response.setHeader("Connection", "close"); // the rest of the body is not read
            FilterAnswers.write(json, response, request.getRequestURI().substring(request.getContextPath().length()), 413, "请求内容过大",
                    message);
        }
    }
}
