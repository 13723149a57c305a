package org.qingfeng.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;
import org.qingfeng.config.validation.SupportedCharset;

/** One MLLP listener: {@code qingfeng.mllp.feeds[i].*}. */
public class MllpFeed {

    @NotBlank
    @Pattern(regexp = "[A-Za-z0-9_-]{1,40}", message = "must be 1-40 letters, digits, '_' or '-'")
    private String id = "main";

    @NotBlank
    private String bindAddress = "0.0.0.0";

    /** 0 asks the operating system for a free port (used by tests). */
    @Min(0)
    @Max(65535)
    private int port = 2575;

    /** Character set used when MSH-18 does not name one. */
    @NotBlank
    @SupportedCharset
    private String charset = "UTF-8";

    /** When not empty, only messages whose MSH-4 (sending facility) is listed are accepted; others get AR. */
    @NotNull
    private List<String> facilities = new ArrayList<>();

    @Valid
    @NotNull
    private TlsProperties tls = new TlsProperties();

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getCharset() {
        return charset;
    }

    public void setCharset(String charset) {
        this.charset = charset;
    }

    public List<String> getFacilities() {
        return facilities;
    }

    public void setFacilities(List<String> facilities) {
        this.facilities = facilities;
    }

    public TlsProperties getTls() {
        return tls;
    }

    public void setTls(TlsProperties tls) {
        this.tls = tls;
    }
}
