package org.qingfeng.config;

/** {@code qingfeng.demo.*}: demo reference data for the embedded profile. */
public class DemoProperties {

    /** Load the bundled drug catalog and staff roster when those tables are empty. */
    private boolean loadReferenceData = false;

    public boolean isLoadReferenceData() {
        return loadReferenceData;
    }

    public void setLoadReferenceData(boolean loadReferenceData) {
        this.loadReferenceData = loadReferenceData;
    }
}
