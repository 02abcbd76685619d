-- The request id is now always the service's own; what a caller sent as X-Request-Id is kept
-- beside it as the caller's correlation id, never as the audit key.
alter table audit_revision add column correlation_id varchar(64);
alter table access_log add column correlation_id varchar(64);
