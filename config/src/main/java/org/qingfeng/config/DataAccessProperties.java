package org.qingfeng.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** {@code qingfeng.data-access.*}: where data-access events come from besides the API. */
public class DataAccessProperties {

    @NotNull
    private List<@Valid DataAccessFile> files = new ArrayList<>();

    @Valid
    @NotNull
    private SyslogProperties syslog = new SyslogProperties();

    /** A folder where JSON-lines files of data-access events are dropped; read files move to {@code done/}. */
    private String folder;

    public SyslogProperties getSyslog() {
        return syslog;
    }

    public void setSyslog(SyslogProperties syslog) {
        this.syslog = syslog;
    }

    public String getFolder() {
        return folder;
    }

    public void setFolder(String folder) {
        this.folder = folder;
    }

    public List<DataAccessFile> getFiles() {
        return files;
    }

    public void setFiles(List<DataAccessFile> files) {
        this.files = files;
    }
}
