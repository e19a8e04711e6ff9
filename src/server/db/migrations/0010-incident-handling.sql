-- Incident handling (issue 4, parts 3 and 4): a timeline keeps the order things were written in,
-- even when several events share one timestamp (one request writes a state change and a comment in
-- the same millisecond; tests stop the clock). Identity values are handed out in insertion order.
ALTER TABLE incident_events ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX incident_events_incident_seq_idx ON incident_events (incident_id, seq);
