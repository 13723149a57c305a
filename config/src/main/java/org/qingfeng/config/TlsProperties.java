package org.qingfeng.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code qingfeng.mllp.feeds[i].tls.*}: TLS on one listener, with the server key and certificate from a key store. */
public class TlsProperties {

    private boolean enabled;

    /** Path of the key store holding the server's private key and certificate chain. */
    private String keyStore;

    private String keyStorePassword;

    @NotBlank
    private String keyStoreType = "PKCS12";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getKeyStore() {
        return keyStore;
    }

    public void setKeyStore(String keyStore) {
        this.keyStore = keyStore;
    }

    public String getKeyStorePassword() {
        return keyStorePassword;
    }

    public void setKeyStorePassword(String keyStorePassword) {
        this.keyStorePassword = keyStorePassword;
    }

    public String getKeyStoreType() {
        return keyStoreType;
    }

    public void setKeyStoreType(String keyStoreType) {
        this.keyStoreType = keyStoreType;
    }

    /** Reported as {@code tls.key-store-readable}. */
    @AssertTrue(message = "tls.enabled=true needs tls.key-store, a readable key store file, and tls.key-store-password")
    public boolean isKeyStoreReadable() {
        return !enabled
                || (keyStore != null
                        && !keyStore.isBlank()
                        && Files.isReadable(Path.of(keyStore))
                        && keyStorePassword != null);
    }
}
