-- E-mail delivery of notices (issue 4): a failed send is tried again later, with growing pauses,
-- until it is given up. The background job's own tables (pg-boss, schema "pgboss") are installed
-- after the migrations by the owner, see platform/jobs.ts.

ALTER TABLE notifications ADD COLUMN email_next_attempt_at timestamptz;

DROP INDEX notifications_pending_idx;
CREATE INDEX notifications_pending_idx ON notifications (coalesce(email_next_attempt_at, created_at))
  WHERE email_status = 'pending';
-- The bell's unread count.
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
