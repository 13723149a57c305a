package org.qingfeng.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code qingfeng.statistics.api-calls[i].*}: an API (a HIS report module, a FHIR search) whose calls return
 * prescription statistics. A call whose text matches {@code pattern} (a Java regular expression, found anywhere in
 * {@code GET /path?query}) is a statistics call when one of {@code prescriber-parameters} or {@code item-parameters}
 * pins a prescriber or an item, or when the API groups by one of {@code dimensions} ({@code PRESCRIBER}, {@code ITEM})
 * by itself. Parameter names are compared case-insensitively.
 */
public class StatisticsApi {

    @NotBlank
    private String name;

    @NotBlank
    private String pattern;

    private List<String> prescriberParameters = new ArrayList<>();

    private List<String> itemParameters = new ArrayList<>();

    private List<String> dimensions = new ArrayList<>();

    public StatisticsApi() {}

    public StatisticsApi(
            String name,
            String pattern,
            List<String> prescriberParameters,
            List<String> itemParameters,
            List<String> dimensions) {
        this.name = name;
        this.pattern = pattern;
        this.prescriberParameters = new ArrayList<>(prescriberParameters);
        this.itemParameters = new ArrayList<>(itemParameters);
        this.dimensions = new ArrayList<>(dimensions);
    }

    @AssertTrue(message = "pattern must be a valid regular expression")
    public boolean isPatternValid() {
        if (pattern == null) {
            return true; // @NotBlank reports it
        }
        try {
            Pattern.compile(pattern);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    @AssertTrue(message = "dimensions are PRESCRIBER and/or ITEM")
    public boolean isDimensionsValid() {
        return dimensions == null || List.of("PRESCRIBER", "ITEM").containsAll(dimensions);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPattern() {
        return pattern;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public List<String> getPrescriberParameters() {
        return prescriberParameters;
    }

    public void setPrescriberParameters(List<String> prescriberParameters) {
        this.prescriberParameters = prescriberParameters;
    }

    public List<String> getItemParameters() {
        return itemParameters;
    }

    public void setItemParameters(List<String> itemParameters) {
        this.itemParameters = itemParameters;
    }

    public List<String> getDimensions() {
        return dimensions;
    }

    public void setDimensions(List<String> dimensions) {
        this.dimensions = dimensions;
    }
}
