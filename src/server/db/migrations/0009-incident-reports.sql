-- Reports from other systems (the batch API) are idempotent by (system, external id) within the
-- responsible organisation: two committees may both run a system called "IA" whose ids overlap,
-- and one committee's key must neither block nor reveal the other's report.
DROP INDEX incidents_external_key;
CREATE UNIQUE INDEX incidents_external_key ON incidents (organisation_id, external_system, external_id)
  WHERE external_id IS NOT NULL;
