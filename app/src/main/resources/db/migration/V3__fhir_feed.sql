-- Issue 3: FHIR element paths name the failing part of a refused resource.
ALTER TABLE dead_letter ALTER COLUMN error_location SET DATA TYPE VARCHAR(200);
