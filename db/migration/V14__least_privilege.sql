-- Least privilege (issue 10). The schema belongs to the role Flyway migrates as; the service
-- connects as its own role and gets its rights from afterMigrate.sql, run after every migrate so
-- that a table added later gets them too: everything on ordinary tables, but only SELECT and
-- INSERT on the audit trail (audit_revision, every *_aud table, access_log and audit_* tables).
-- What must still change audit rows (retention unlinks a person from the log, key rotation
-- re-hashes) does so through SECURITY DEFINER functions owned by the schema owner, which change
-- only the columns they must.
--
-- The access log's own trigger, which refused UPDATE to every role, now lets through an UPDATE
-- made as the table's owner, i.e. from inside such a function; DELETE and TRUNCATE stay refused
-- for everyone, the owner included.
create or replace function access_log_is_insert_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE'
        and current_user = (select pg_get_userbyid(relowner) from pg_class where oid = tg_relid) then
        return new;
    end if;
    raise exception 'access_log is insert-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;
