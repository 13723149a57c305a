package org.qingfeng.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.qingfeng.app.reference.ReferenceCache;
import org.qingfeng.app.reference.ReferenceImportService;
import org.qingfeng.config.DemoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the bundled demo catalog, enterprise list and roster into empty tables (embedded profile, {@code qingfeng.demo.*}). */
public class DemoDataLoader {
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    public DemoDataLoader(DemoProperties demo, ReferenceCache cache, ReferenceImportService imports) {
        if (!demo.isLoadReferenceData()) {
            return;
        }
        if (cache.drugCount() == 0) {
            log.info("Loaded {} demo drugs", imports.importDrugs(read("demo/drugs.csv")));
        }
        if (cache.enterpriseCount() == 0) {
            log.info("Loaded {} demo enterprises", imports.importEnterprises(read("demo/enterprises.csv")));
        }
        if (cache.staffCount() == 0) {
            log.info("Loaded {} demo staff", imports.importStaff(read("demo/staff.csv")));
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = DemoDataLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
