package org.qingfeng.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** {@code qingfeng.data-access.*}: where data-access events come from besides the API. */
public class DataAccessProperties {

    @NotNull
    private List<@Valid DataAccessFile> files = new ArrayList<>();

    public List<DataAccessFile> getFiles() {
        return files;
    }

    public void setFiles(List<DataAccessFile> files) {
        this.files = files;
    }
}
