package org.qingfeng.config;

import jakarta.validation.constraints.AssertFalse;

/**
 * {@code qingfeng.mllp.feeds[i].tls.*}. TLS on the listener itself is not implemented yet: start-up refuses
 * {@code tls.enabled=true} rather than silently listening in clear text. Terminate TLS in front of the port (stunnel,
 * nginx stream) until then.
 */
public class TlsProperties {

    @AssertFalse(
            message =
                    "TLS on the MLLP listener is not supported yet; terminate TLS in front of the port (e.g. stunnel)")
    private boolean enabled;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
