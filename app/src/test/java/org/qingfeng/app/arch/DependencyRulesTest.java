package org.qingfeng.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module rules of architecture.md: monitors are plain Java; connectors do not schedule; only app knows Spring. */
class DependencyRulesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.qingfeng");

    @Test
    void monitorsUseNoCamelSpringOrQuartz() {
        noClasses()
                .that()
                .resideInAPackage("org.qingfeng.monitors..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.camel..", "org.springframework..", "org.quartz..")
                .check(CLASSES);
    }

    @Test
    void connectorsUseNoQuartzNorSpring() {
        noClasses()
                .that()
                .resideInAPackage("org.qingfeng.connectors..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.quartz..", "org.springframework..")
                .check(CLASSES);
    }

    @Test
    void configUsesNoFrameworks() {
        noClasses()
                .that()
                .resideInAPackage("org.qingfeng.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.camel..", "org.springframework..", "org.quartz..", "ca.uhn..")
                .check(CLASSES);
    }

    @Test
    void lowerModulesDoNotReachUp() {
        noClasses()
                .that()
                .resideInAnyPackage("org.qingfeng.config..", "org.qingfeng.monitors..", "org.qingfeng.connectors..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.qingfeng.app..")
                .check(CLASSES);
    }
}
