package org.qingfeng.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class CachingPasswordEncoderTest {

    /** Counts the real (bcrypt) verifications behind the cache. */
    private static final class Counting implements PasswordEncoder {
        final PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return real.matches(raw, encoded);
        }
    }

    @Test
    void aSuccessfulCheckIsRememberedAFailedOneNever() {
        Counting counting = new Counting();
        CachingPasswordEncoder encoder = new CachingPasswordEncoder(counting, Duration.ofMinutes(5), 100);
        String hash = encoder.encode("s3cret");

        assertThat(encoder.matches("s3cret", hash)).isTrue();
        assertThat(encoder.matches("s3cret", hash)).isTrue();
        assertThat(counting.checks.get()).isEqualTo(1);

        assertThat(encoder.matches("wrong", hash)).isFalse();
        assertThat(encoder.matches("wrong", hash)).isFalse();
        assertThat(counting.checks.get()).isEqualTo(3);
    }

    @Test
    void aNewPasswordHashIsCheckedAfresh() {
        Counting counting = new Counting();
        CachingPasswordEncoder encoder = new CachingPasswordEncoder(counting, Duration.ofMinutes(5), 100);
        String old = encoder.encode("s3cret");
        assertThat(encoder.matches("s3cret", old)).isTrue();
        String changed = encoder.encode("other");
        assertThat(encoder.matches("s3cret", changed)).isFalse();
        assertThat(encoder.matches("other", changed)).isTrue();
        assertThat(counting.checks.get()).isEqualTo(3);
    }
}
