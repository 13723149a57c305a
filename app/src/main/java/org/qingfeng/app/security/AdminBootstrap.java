package org.qingfeng.app.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first user, {@code admin} with IT_ADMIN and DISCIPLINE, when there is no user at all: with the
 * password from {@code QINGFENG_ADMIN_PASSWORD}, or a random one written once to the log.
 */
public class AdminBootstrap {
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserAccounts accounts;
    private final String configuredPassword;

    public AdminBootstrap(UserAccounts accounts, String configuredPassword) {
        this.accounts = accounts;
        this.configuredPassword = configuredPassword;
    }

    public void run() {
        if (!accounts.isEmpty()) {
            return;
        }
        boolean random = configuredPassword == null || configuredPassword.isBlank();
        String password = random ? randomPassword() : configuredPassword;
        accounts.save("admin", password, List.of("IT_ADMIN", "DISCIPLINE"), "系统管理员");
        if (random) {
            log.warn(
                    "Created user 'admin' with the one-time password {} — change it, or set QINGFENG_ADMIN_PASSWORD",
                    password);
        } else {
            log.info("Created user 'admin' with the password from QINGFENG_ADMIN_PASSWORD");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
