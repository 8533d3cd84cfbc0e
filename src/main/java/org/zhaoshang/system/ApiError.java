package org.zhaoshang.system;

import java.util.List;

/** The JSON body of every error of the app's API: a Chinese message and, for bad input, the fields. */
public record ApiError(int status, String message, List<FieldError> fieldErrors) {

    public record FieldError(String field, String message) {
    }

    public static ApiError of(int status, String message) {
        return new ApiError(status, message, List.of());
    }
}
