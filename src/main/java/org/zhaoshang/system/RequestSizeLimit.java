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
 * API and the app's API read whole into memory. Uploads (multipart) keep their own, larger limits. A body
 * sent without a length (chunked) is read up to the limit here and handed on from memory.
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimit {

    static final String MESSAGE = "请求内容过大（超过 %s），请精简后重新提交；文件请通过上传功能提交";

    @Bean
    FilterRegistrationBean<Filter> requestSizeLimitFilter(ObjectMapper json, @Value("${app.request.max-body-size:2MB}") DataSize limit) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(json, limit.toBytes()));
        registration.setName("requestSizeLimit");
        // Right behind the database guard, before logging in: a refused body costs nothing.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {

        private final ObjectMapper json;
        private final long limit;

        Filter(ObjectMapper json, long limit) {
            this.json = json;
            this.limit = limit;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String type = request.getContentType();
            return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long declared = request.getContentLengthLong();
            if (declared > limit) {
                refuse(request, response);
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
                refuse(request, response);
                return;
            }
            chain.doFilter(new InMemoryBody(request, body), response);
        }

        private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String message = MESSAGE.formatted(DataSize.ofBytes(limit).toMegabytes() > 0 ? DataSize.ofBytes(limit).toMegabytes() + " MB"
                    : limit + " 字节");
            response.setHeader("Connection", "close"); // the rest of the body is not read
            FilterAnswers.write(json, response, request.getRequestURI().substring(request.getContextPath().length()), 413, "请求内容过大",
                    message);
        }
    }
}
