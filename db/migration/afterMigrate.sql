-- Flyway runs this after every migrate (a callback, not a versioned migration): the service
-- role's rights, granted from the catalogue so that a table or function a later migration adds
-- is covered without anyone remembering to grant it. ${serviceRole} is the role the service
-- connects as (spring.flyway.placeholders.serviceRole, by default spring.datasource.username).
--
-- The audit trail is append-only for the service: audit_revision, every table ending in _aud,
-- and every table starting with audit_ or access_log (is_audit_table, V18) get SELECT and INSERT only. Every other
-- table of the schema gets SELECT, INSERT, UPDATE and DELETE; TRUNCATE, REFERENCES and TRIGGER
-- never; views SELECT. Flyway's own history is not the service's business.
-- Every *_aud table gets an index on rev: the audit chain (V19) reads a revision's rows from each
-- of them when it seals and when it verifies. From the catalogue, so a table added later gets one too.
do $$
declare
    t record;
begin
    for t in
        select relname from audit_history_tables()
    loop
        execute format('create index if not exists %I on %I (rev)', left(t.relname, 55) || '_rev_idx', t.relname);
    end loop;
end;
$$;

-- The audit chain's digests of a revision's *_aud rows (audit_history_parts, V19) as one static UNION ALL
-- over the *_aud tables there are now, rewritten after every migrate so that a table a migration adds
-- is covered. Same result as V19's loop of dynamic queries, but a plan PostgreSQL can keep.
-- audit_history_parts_all() is the same over every revision, for the chain's genesis: whole-table
-- scans instead of an index lookup per revision, which on millions of revisions means reading each
-- table once instead of jumping about it (two hours for 7 million revisions, see docs/performance.md).
-- Both are plain SQL functions, so PostgreSQL inlines them and streams their rows.
do $$
declare
    template constant text := $create$
        create or replace function %s
            returns table (part text, rev bigint, digest bytea)
            language sql stable as $body$
            select d.part, d.rev,
                   sha256(convert_to(string_agg(encode(d.digest, 'hex'), ',' order by encode(d.digest, 'hex')), 'UTF8'))
            from (%s) d
            group by d.part, d.rev
        $body$
        $create$;
    none constant text := 'select null::text as part, null::bigint as rev, null::bytea as digest where false';
    some_revisions text;
    all_revisions text;
begin
    select string_agg(format('select %L::text as part, a.rev::bigint as rev, audit_row_digest(to_jsonb(a)) as digest'
                             ' from %I a where a.rev = any (p_revisions)', relname, relname), ' union all '),
           string_agg(format('select %L::text as part, a.rev::bigint as rev, audit_row_digest(to_jsonb(a)) as digest'
                             ' from %I a', relname, relname), ' union all ')
      into some_revisions, all_revisions
      from audit_history_tables();
    execute format(template, 'audit_history_parts(p_revisions bigint[])', coalesce(some_revisions, none));
    execute format(template, 'audit_history_parts_all()', coalesce(all_revisions, none));
end;
$$;

do $$
declare
    service_role constant text := '${serviceRole}';
    t record;
    f record;
begin
    if service_role = '' then
        raise exception 'no service role: set spring.flyway.placeholders.serviceRole (or spring.datasource.username)';
    end if;
    if service_role = current_user then
        -- migrating as the service's own role would leave it owning the audit trail;
        -- AuditTrailPrivilegeCheck refuses to start the service in that case, with the reason
        raise notice 'the service role % is the schema owner: no separate rights granted', service_role;
        return;
    end if;
    execute format('grant usage on schema public to %I', service_role);
    for t in
        select c.relname, c.relkind
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
    loop
        execute format('revoke all on table %I from %I', t.relname, service_role);
        if t.relname = 'flyway_schema_history' then
            continue;
        elsif t.relkind in ('v', 'm') then
            -- views are read; what they show is written through their tables
            execute format('grant select on table %I to %I', t.relname, service_role);
        elsif is_audit_table(t.relname) then
            execute format('grant select, insert on table %I to %I', t.relname, service_role);
        else
            execute format('grant select, insert, update, delete on table %I to %I', t.relname, service_role);
        end if;
    end loop;
    execute format('grant usage, select on all sequences in schema public to %I', service_role);
    -- functions are executable by PUBLIC by default; the privileged ones only by the service
    for f in
        select p.oid::regprocedure as signature
        from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.prosecdef
    loop
        execute format('revoke all on function %s from public', f.signature);
        execute format('grant execute on function %s to %I', f.signature, service_role);
    end loop;
end;
$$;
