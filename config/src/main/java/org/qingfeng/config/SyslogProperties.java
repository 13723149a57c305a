package org.qingfeng.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** {@code qingfeng.data-access.syslog.*}: PostgreSQL (pgaudit) log messages received over syslog, UDP and TCP. */
public class SyslogProperties {

    /** Port of the UDP and TCP listeners; 0 (the default) turns syslog off. */
    @Min(0)
    @Max(65535)
    private int port;

    private String bindAddress = "0.0.0.0";

    /** The server's log_line_prefix as it appears inside the syslog message. */
    private String linePrefix = "%m [%p] %q%u@%d ";

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public String getLinePrefix() {
        return linePrefix;
    }

    public void setLinePrefix(String linePrefix) {
        this.linePrefix = linePrefix;
    }
}
