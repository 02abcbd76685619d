-- The tamper-evident audit trail (docs/data-protection.md, decision 22). Every transaction that writes
-- a revision (audit_revision and its *_aud rows) or an access-log entry also writes one seal: the
-- SHA-256 digests of what it wrote, and a MAC over those digests and the previous seal's MAC. The MAC
-- key is not in the database, so whoever can change rows here cannot write a seal that matches; the
-- verification (GET /api/audit/verification) recomputes the digests from the rows and the MACs from
-- the seals and reports the first link that does not hold.
--
-- Both tables start with audit_, so the service may only SELECT and INSERT them (is_audit_table).

create table audit_seal (
    -- consecutive, 1 for the first seal: a missing number is a deleted seal
    seq       bigint primary key,
    sealed_at timestamp with time zone not null,
    -- GENESIS: rows that existed when the chain began; COMMIT: what a transaction wrote;
    -- RESEAL: rows a privileged function rewrote (anonymisation, CPR key rotation), with why
    kind      varchar(16) not null check (kind in ('GENESIS', 'COMMIT', 'RESEAL')),
    reason    varchar(255),
    -- the first 16 hex digits of SHA-256 of the MAC key, so a seal names its key without revealing it
    key_id    varchar(16) not null,
    mac       bytea not null
);

create table audit_seal_item (
    seal   bigint not null references audit_seal (seq),
    kind   varchar(16) not null check (kind in ('REVISION', 'ACCESS_LOG')),
    -- the revision number or the access-log id
    ref    bigint not null,
    -- which table the digest covers: audit_revision or one *_aud table for a revision, access_log
    part   varchar(63) not null,
    digest bytea not null,
    primary key (kind, ref, part, seal)
);
create index audit_seal_item_seal_idx on audit_seal_item (seal);

-- One row as the chain sees it: its JSON with nulls left out, so that a nullable column a later
-- migration adds does not change the digest of rows written before it.
create function audit_row_digest(p_row jsonb) returns bytea language sql immutable as $$
    select sha256(convert_to(jsonb_strip_nulls(p_row)::text, 'UTF8'))
$$;

-- The Envers history tables: every *_aud table of the schema with a rev column, from the catalogue, so
-- that one a later migration adds is sealed, verified and indexed (afterMigrate.sql) without a change.
create function audit_history_tables() returns table (relname name) language sql stable as $$
    select c.relname
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname like '%\_aud'
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'rev' and not a.attisdropped)
    order by c.relname
$$;

-- A revision's digest per *_aud table holding rows of it (SHA-256 over the sorted hex digests of its rows
-- there) is audit_history_parts(revisions). afterMigrate.sql writes it after every migrate as one static
-- UNION ALL over the *_aud tables then present, so a table a later migration adds is covered and
-- PostgreSQL can keep the plan (one dynamic query per table cost about 5 ms per sealed revision).

-- The digests of revisions and access-log entries as they are stored now: for a revision one row per
-- table holding it (audit_revision, and each *_aud table with rows of that rev), for an entry its
-- access_log row. Used both to seal and to verify, so the two cannot disagree about what a digest
-- covers.
create function audit_chain_parts(p_revisions bigint[], p_entries bigint[])
    returns table (kind text, ref bigint, part text, digest bytea)
    language plpgsql stable as $$
begin
    if cardinality(p_revisions) > 0 then
        return query select 'REVISION'::text, r.id, 'audit_revision'::text, audit_row_digest(to_jsonb(r))
            from audit_revision r where r.id = any (p_revisions);
        return query select 'REVISION'::text, h.rev, h.part, h.digest from audit_history_parts(p_revisions) h;
    end if;
    if cardinality(p_entries) > 0 then
        return query select 'ACCESS_LOG'::text, l.id, 'access_log'::text, audit_row_digest(to_jsonb(l))
            from access_log l where l.id = any (p_entries);
    end if;
end;
$$;

-- Called by the sealing transaction just before it commits: takes the chain's lock (held until the
-- commit, so seals are numbered and linked in commit order) and returns the head the new seal links
-- to (no row when the chain is empty). Under READ COMMITTED the select after the lock sees the seal
-- committed by the previous holder; a REPEATABLE READ transaction reads the head on another connection.
create function audit_seal_lock_head() returns table (seq bigint, mac bytea) language plpgsql volatile as $$
begin
    perform pg_advisory_xact_lock(hashtext('audit_seal'));
    return query select s.seq, s.mac from audit_seal s order by s.seq desc limit 1;
end;
$$;

-- The highest revision number anywhere, *_aud rows whose revision is gone included, so the
-- verification reaches every row.
create function audit_revision_max() returns bigint language plpgsql stable as $$
declare
    t record;
    highest bigint;
    found_rev bigint;
begin
    select max(id) into highest from audit_revision;
    for t in
        select relname from audit_history_tables()
    loop
        execute format('select max(rev)::bigint from %I', t.relname) into found_rev;
        highest := greatest(highest, found_rev);
    end loop;
    return coalesce(highest, 0);
end;
$$;
