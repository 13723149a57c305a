package org.qingfeng.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.QingfengProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/** The documented example configuration binds and validates as it stands. */
class ExampleConfigurationTest {

    private static QingfengProperties bind(StandardEnvironment env) {
        return Binder.get(env).bind("qingfeng", QingfengProperties.class).get();
    }

    private static StandardEnvironment example() throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        Path file = Path.of("..", "deploy", "config", "application.example.yml");
        new YamlPropertySourceLoader()
                .load("example", new FileSystemResource(file))
                .forEach(env.getPropertySources()::addLast);
        return env;
    }

    @Test
    void theExampleBindsAndIsValid() throws Exception {
        QingfengProperties p = bind(example());
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        assertThat(validator.validate(p)).isEmpty();
        assertThat(p.rule("RX_REPEATED_IRRATIONAL").getCategories()).isEqualTo(List.of("EXCESSIVE"));
        assertThat(p.rule("RX_CONTROLLED_QUANTITY").getInjectionDoses()).isEqualTo(1);
        assertThat(p.rule("RX_DUPLICATE_THERAPY").getAtcLevel()).isEqualTo(4);
        assertThat(p.getReview().getOutpatientMinimum()).isEqualTo(100);
        assertThat(p.getCheck().getFacility()).isEqualTo("QF-HOSP");
    }

    @Test
    void anUnknownReviewCategoryIsNamed() throws Exception {
        StandardEnvironment env = example();
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "override", Map.of("qingfeng.rules.RX_REPEATED_IRRATIONAL.categories", "EXCESSIVE,SLOPPY")));
        QingfengProperties p = bind(env);
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        assertThat(validator.validate(p))
                .anySatisfy(v -> assertThat(v.getMessage()).contains("EXCESSIVE, INAPPROPRIATE or NONSTANDARD"));
    }
}
