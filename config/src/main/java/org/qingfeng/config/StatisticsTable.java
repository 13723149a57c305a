package org.qingfeng.config;

import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code qingfeng.statistics.tables[i].*}: a table holding prescription, order or dispense data, and which of its
 * columns identify the prescriber and the item. Names are compared case-insensitively, schema prefix and quotes ignored.
 */
public class StatisticsTable {

    @NotBlank
    private String name;

    private List<String> prescriberColumns = new ArrayList<>();

    private List<String> itemColumns = new ArrayList<>();

    public StatisticsTable() {}

    public StatisticsTable(String name, List<String> prescriberColumns, List<String> itemColumns) {
        this.name = name;
        this.prescriberColumns = new ArrayList<>(prescriberColumns);
        this.itemColumns = new ArrayList<>(itemColumns);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getPrescriberColumns() {
        return prescriberColumns;
    }

    public void setPrescriberColumns(List<String> prescriberColumns) {
        this.prescriberColumns = prescriberColumns;
    }

    public List<String> getItemColumns() {
        return itemColumns;
    }

    public void setItemColumns(List<String> itemColumns) {
        this.itemColumns = itemColumns;
    }
}
