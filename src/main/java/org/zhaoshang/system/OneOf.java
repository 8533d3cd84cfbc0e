package org.zhaoshang.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The string is the code or the Chinese label of a constant of {@link #value()}. Validating a string
 * (instead of binding the enum) lets a bad value come back as a field error with a Chinese message
 * like every other field, rather than as an unreadable request.
 */
@Documented
@Constraint(validatedBy = OneOf.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {

    @SuppressWarnings("rawtypes")
    Class<? extends Enum> value();

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OneOf, String> {

        private Class<?> type;

        @Override
        public void initialize(OneOf annotation) {
            this.type = annotation.value();
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public boolean isValid(String value, ConstraintValidatorContext context) {
            // Null and blank are @NotBlank's business, so a missing value gets one message, not two.
            return value == null || value.isBlank() || Labelled.parse((Class) type, value).isPresent();
        }
    }
}
