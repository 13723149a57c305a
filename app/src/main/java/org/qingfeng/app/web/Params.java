package org.qingfeng.app.web;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/** Reading request values, with a problem+json naming the field when a value is not acceptable. */
public final class Params {
    private Params() {}

    /** An enum constant, ignoring case and surrounding blanks. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-parameter",
                    field,
                    "'" + value + "' is not one of " + List.of(type.getEnumConstants()));
        }
    }
}
