package org.qingfeng.config.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The value names a character set this JVM supports (e.g. UTF-8, GB18030). */
@Documented
@Constraint(validatedBy = SupportedCharsetValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface SupportedCharset {
    String message() default "is not a character set this Java runtime supports (use e.g. UTF-8 or GB18030)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
