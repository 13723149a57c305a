-- Issue 6, continued: console users linked to the roster (STAT_SELF_ACCESS checks their approval tickets), who was
-- seen at which terminal (shared accounts resolved by time), how each ledger entry was attributed, and the
-- prescriber index the per-prescriber drill-down reads the rollups through.
ALTER TABLE app_user ADD COLUMN staff_id VARCHAR(60);
ALTER TABLE stat_ledger ADD COLUMN attribution VARCHAR(1000);

-- One row per terminal, person and minute in which the person used the terminal with a personal account.
CREATE TABLE terminal_presence (
    terminal    VARCHAR(200) NOT NULL,
    seen_minute TIMESTAMP WITH TIME ZONE NOT NULL,
    staff_id    VARCHAR(60)  NOT NULL,
    account     VARCHAR(200) NOT NULL,
    PRIMARY KEY (terminal, seen_minute, staff_id)
);
CREATE INDEX ix_terminal_presence_minute ON terminal_presence (seen_minute);

CREATE INDEX ix_usage_day_prescriber ON usage_day (prescriber_id, rx_date);
