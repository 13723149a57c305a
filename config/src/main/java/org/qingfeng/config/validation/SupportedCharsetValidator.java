package org.qingfeng.config.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;

public class SupportedCharsetValidator implements ConstraintValidator<SupportedCharset, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isBlank()) {
            return true; // @NotBlank reports this case
        }
        try {
            return Charset.isSupported(value.trim());
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
