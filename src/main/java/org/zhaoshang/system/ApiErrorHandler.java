package org.zhaoshang.system;

import java.util.Comparator;
import java.util.List;

import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Turns every failure of the app's JSON API into {@link ApiError} with a Chinese message. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);
    static final String INVALID_INPUT = "提交的内容有误，请按提示修改后重试";

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e) {
        List<ApiError.FieldError> fields = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new ApiError.FieldError(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(ApiError.FieldError::field).thenComparing(ApiError.FieldError::message))
                .toList();
        return respond(HttpStatus.BAD_REQUEST, INVALID_INPUT, fields);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameter(HandlerMethodValidationException e) {
        List<ApiError.FieldError> fields = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new ApiError.FieldError(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return respond(HttpStatus.BAD_REQUEST, INVALID_INPUT, fields);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            return respond(HttpStatus.BAD_REQUEST, INVALID_INPUT,
                    List.of(new ApiError.FieldError(field, "该字段的值格式不正确")));
        }
        return respond(HttpStatus.BAD_REQUEST, "请求内容不是有效的 JSON", List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(HttpStatus.BAD_REQUEST, INVALID_INPUT,
                List.of(new ApiError.FieldError(e.getName(), "该参数的值格式不正确")));
    }

    /** A required query parameter, header or path variable that is missing or cannot be read: the caller's mistake. */
    @ExceptionHandler(org.springframework.web.bind.ServletRequestBindingException.class)
    ResponseEntity<ApiError> missingParameter(org.springframework.web.bind.ServletRequestBindingException e) {
        String name = e instanceof org.springframework.web.bind.MissingServletRequestParameterException missing ? missing.getParameterName()
                : e instanceof org.springframework.web.bind.MissingPathVariableException path ? path.getVariableName() : "request";
        return respond(HttpStatus.BAD_REQUEST, INVALID_INPUT, List.of(new ApiError.FieldError(name, "缺少该参数或其值无法识别")));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e) {
        List<ApiError.FieldError> fields = e.fieldErrors();
        String message = fields.isEmpty() ? e.getMessage() : INVALID_INPUT;
        return respond(e.status(), message, fields);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return respond(HttpStatus.FORBIDDEN, "无权执行此操作", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, "不支持该请求方法", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "请以 application/json 格式提交", List.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return respond(HttpStatus.PAYLOAD_TOO_LARGE, "上传的文件过大", List.of(new ApiError.FieldError("file", "上传的文件过大")));
    }

    @ExceptionHandler({MissingServletRequestPartException.class, MultipartException.class})
    ResponseEntity<ApiError> badUpload(Exception e) {
        return respond(HttpStatus.BAD_REQUEST, "请以 multipart/form-data 上传文件（字段名 file）", List.of(new ApiError.FieldError("file", "请选择要上传的文件")));
    }

    /** The caller hung up before the answer was written (a closed browser tab, a cancelled download): nothing to answer. */
    @ExceptionHandler({AsyncRequestNotUsableException.class, ClientAbortException.class})
    void callerGone(Exception e) {
        log.debug("The caller closed the connection before the answer was written: {}", e.toString());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        if (DatabaseUnavailable.isCause(e)) {
            log.warn("Database unavailable in API call: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "10")
                    .body(new ApiError(503, DatabaseUnavailable.MESSAGE, List.of()));
        }
        log.error("Unexpected error in API call", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "系统内部错误，请稍后重试或联系管理员", List.of());
    }

    private static ResponseEntity<ApiError> respond(HttpStatus status, String message, List<ApiError.FieldError> fields) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), message, fields));
    }
}
