package org.qingfeng.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.ArrayList;
import java.util.List;

/** {@code qingfeng.mllp.*}: the HL7 v2 listeners. */
public class MllpProperties {

    @NotEmpty
    private List<@Valid MllpFeed> feeds = new ArrayList<>(List.of(new MllpFeed()));

    public List<MllpFeed> getFeeds() {
        return feeds;
    }

    public void setFeeds(List<MllpFeed> feeds) {
        this.feeds = feeds;
    }
}
