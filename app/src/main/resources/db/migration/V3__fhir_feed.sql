-- Issue 3: FHIR element paths name the failing part of a refused resource.
ALTER TABLE dead_letter ALTER COLUMN error_location SET DATA TYPE VARCHAR(200);
CREATE INDEX ix_inbound_feed_received ON inbound_message (feed_id, received_at);
