package org.qingfeng.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qingfeng.app.QingfengApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A bad setting stops start-up, and the operator is told every offending key with its value and reason. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTest {

    @Test
    void invalidPortAndInvalidRuleThresholdAreBothNamed(CapturedOutput output, @TempDir Path journal) {
        SpringApplication app = new SpringApplication(QingfengApplication.class);
        assertThatThrownBy(() -> app.run(
                        "--spring.datasource.url=jdbc:h2:mem:config-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                        "--server.port=0",
                        "--qingfeng.ingest.journal-dir=" + journal,
                        "--qingfeng.mllp.feeds[0].port=70000",
                        "--qingfeng.rules.RX_SUPPLY_DAYS_EXCEEDED.outpatient-days=0",
                        "--qingfeng.mllp.feeds[0].charset=KLINGON-8",
                        "--qingfeng.statistics.api-calls[0].name=broken",
                        "--qingfeng.statistics.api-calls[0].pattern=GET /report/(",
                        "--qingfeng.statistics.api-calls[0].dimensions=DOCTOR"))
                .isInstanceOf(Exception.class);
        String report = output.getAll();
        assertThat(report)
                .contains("qingfeng.mllp.feeds[0].port")
                .contains("70000")
                .contains("65535");
        // Spring reports map entries in bracket form: qingfeng.rules[RX_SUPPLY_DAYS_EXCEEDED].outpatientDays
        assertThat(report)
                .contains("qingfeng.rules[RX_SUPPLY_DAYS_EXCEEDED].outpatientDays")
                .contains("must be greater than or equal to 1");
        assertThat(report).contains("qingfeng.mllp.feeds[0].charset").contains("KLINGON-8");
        assertThat(report)
                .contains("qingfeng.statistics.apiCalls[0].patternValid")
                .contains("pattern must be a valid regular expression")
                .contains("qingfeng.statistics.apiCalls[0].dimensionsValid")
                .contains("dimensions are PRESCRIBER and/or ITEM");
    }
}
