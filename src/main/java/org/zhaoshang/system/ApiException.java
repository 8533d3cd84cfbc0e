package org.zhaoshang.system;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

/**
 * A refusal the user must read: carries the HTTP status and a Chinese message, and optionally the
 * field it concerns. Thrown before anything is written, or inside the transaction it rolls back.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final List<ApiError.FieldError> fieldErrors;

    public ApiException(HttpStatus status, String message) {
        this(status, null, message);
    }

    public ApiException(HttpStatus status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
        this.fieldErrors = field == null ? List.of() : List.of(new ApiError.FieldError(field, message));
    }

    private ApiException(List<ApiError.FieldError> fieldErrors) {
        // The message lists every problem, for pages that show one text.
        super(fieldErrors.stream().map(ApiError.FieldError::message).collect(Collectors.joining("；")));
        this.status = HttpStatus.BAD_REQUEST;
        this.field = fieldErrors.get(0).field();
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static ApiException badField(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, field, message);
    }

    /** Bad input with several problems at once, each on its field (at least one). */
    public static ApiException invalid(List<ApiError.FieldError> fieldErrors) {
        return new ApiException(fieldErrors);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** The fields this refusal concerns with their messages; empty when it concerns no field. */
    public List<ApiError.FieldError> fieldErrors() {
        return fieldErrors;
    }
}
