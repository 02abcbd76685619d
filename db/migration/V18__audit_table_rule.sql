-- Which tables belong to the audit trail, written once: afterMigrate.sql grants the service only
-- SELECT and INSERT on them, and AuditTrailPrivilegeCheck refuses a role with more.
create function is_audit_table(p_name text) returns boolean language sql immutable as $$
    select p_name = 'audit_revision' or p_name like '%\_aud' or p_name like 'audit\_%' or p_name like 'access\_log%'
$$;
