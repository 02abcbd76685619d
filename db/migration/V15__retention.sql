-- Retention (issue 10): a closed case whose retention period has ended is anonymised in every
-- table that holds something about the person, the audit history included; what statistics count
-- (dates, statuses, closing reasons, categories, organisations) stays. The rules themselves are
-- configuration (coordination.retention, docs/data-protection.md); this migration holds what the
-- database must do, because the service's own role may not change the audit trail.

-- when the case was anonymised; not audited: it is the erasure's own mark, not casework
alter table concern_case add column anonymised_at timestamp with time zone;

-- a legal hold stops retention for the case until it is released (a complaint, a court case, a
-- request for insight being answered); the reason is shown to administrators
create table legal_hold (
    case_id        uuid primary key references concern_case (id),
    reason         text not null,
    placed_by_user varchar(255) not null,
    placed_by_org  varchar(64),
    placed_at      timestamp with time zone not null
);

create table legal_hold_aud (
    case_id        uuid not null,
    rev            bigint not null references audit_revision (id),
    revtype        smallint,
    reason         text,
    placed_by_user varchar(255),
    placed_by_org  varchar(64),
    placed_at      timestamp with time zone,
    primary key (case_id, rev)
);

-- what each retention run did; insert-only for the service, like the rest of the audit trail
create table audit_retention_run (
    id                   bigserial primary key,
    as_of                date not null,
    started_at           timestamp with time zone not null,
    finished_at          timestamp with time zone not null,
    started_by           varchar(255) not null,
    cases_anonymised     integer not null,
    cases_held           integer not null,
    access_log_unlinked  integer not null,
    case_numbers         text not null
);

-- A decided agenda item's minutes do not change (V10); anonymisation, running as the schema
-- owner inside anonymise_case, is the one exception.
create or replace function agenda_item_keep_decision() returns trigger
    language plpgsql as $$
begin
    if current_user = (select pg_get_userbyid(relowner) from pg_class where oid = tg_relid) then
        return coalesce(new, old);
    end if;
    if tg_op = 'DELETE' then
        if old.decided_at is not null then
            raise exception 'agenda item % has its decision and cannot be deleted', old.id
                using errcode = 'integrity_constraint_violation';
        end if;
        return old;
    end if;
    if old.decided_at is not null and (new.minutes is distinct from old.minutes
            or new.decided_at is distinct from old.decided_at
            or new.decided_by is distinct from old.decided_by
            or new.position is distinct from old.position) then
        raise exception 'agenda item % has its decision; its minutes and place do not change', old.id
            using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end;
$$;

-- Cuts every identifier (names, addresses, the CPR number in its written forms) out of a text
-- that is kept, such as a read's purpose or a revision's source, case-insensitively.
create function retention_scrub(p_text text, p_identifiers text[]) returns text
    language plpgsql immutable as $$
declare
    identifier text;
    result text := p_text;
begin
    if result is null then
        return null;
    end if;
    foreach identifier in array coalesce(p_identifiers, array[]::text[]) loop
        result := regexp_replace(result, regexp_replace(identifier, '([\\.^$|?*+()\[\]{}-])', '\\\1', 'g'),
                                 '[anonymiseret]', 'gi');
    end loop;
    return result;
end;
$$;

-- Anonymises one closed case everywhere. Free texts become 'Anonymiseret' (they are about the
-- person and cannot be scrubbed reliably); names, addresses and the CPR in every form go; dates,
-- statuses, closing reasons, categories, legal bases and organisations stay. p_identifiers are the
-- CPR number's written forms, which only the service can decrypt; the names and addresses the
-- case and its referrals ever held are added here from the history.
--
-- SECURITY DEFINER: it runs as the schema owner, the only role that may update the audit tables,
-- and it is the only thing the service may call that does. It returns the revisions and
-- access-log rows it changed, so the service can seal their new content in the audit chain.
create function anonymise_case(p_case uuid, p_identifiers text[])
    returns table (kind text, id bigint)
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    marker constant text := 'Anonymiseret';
    c concern_case%rowtype;
    identifiers text[];
    revs bigint[] := array[]::bigint[];
    more bigint[];
    log_ids bigint[];
    m uuid;
begin
    select * into c from concern_case where concern_case.id = p_case for update;
    if not found then
        raise exception 'case % does not exist', p_case using errcode = 'no_data_found';
    end if;
    if c.status <> 'CLOSED' then
        raise exception 'case % is not closed', p_case using errcode = 'check_violation';
    end if;
    if c.anonymised_at is not null then
        return;
    end if;

    select array_agg(distinct v) into identifiers from (
        select unnest(p_identifiers) as v
        union select a.subject_name from concern_case_aud a where a.id = p_case
        union select a.subject_address from concern_case_aud a where a.id = p_case
        union select r.subject_name from referral r where r.case_id = p_case
        union select r.subject_address from referral r where r.case_id = p_case
        union select r.subject_name from referral_aud r where r.case_id = p_case
        union select r.subject_address from referral_aud r where r.case_id = p_case
        union select c.subject_name
        union select c.subject_address
    ) s where v is not null and length(trim(v)) >= 3 and v <> marker;

    -- the case and its history
    update concern_case set subject_name = marker, subject_address = null, subject_cpr_encrypted = '\x'::bytea,
        subject_cpr_hash = '', subject_cpr_masked = '******-****',
        status_reason = case when status_reason is not null then marker end, anonymised_at = now()
    where concern_case.id = p_case;
    with u as (
        update concern_case_aud a set subject_name = case when a.subject_name is not null then marker end,
            subject_address = null, subject_cpr_encrypted = case when a.subject_cpr_encrypted is not null then '\x'::bytea end,
            subject_cpr_hash = case when a.subject_cpr_hash is not null then '' end,
            subject_cpr_masked = case when a.subject_cpr_masked is not null then '******-****' end,
            status_reason = case when a.status_reason is not null then marker end
        where a.id = p_case returning a.rev)
    select revs || coalesce(array_agg(u.rev), array[]::bigint[]) into revs from u;

    -- the concerns
    update referral r set concern = marker, subject_name = marker, subject_address = null,
        feedback = case when r.feedback is not null then marker end
    where r.case_id = p_case;
    with u as (
        update referral_aud r set concern = case when r.concern is not null then marker end,
            subject_name = case when r.subject_name is not null then marker end, subject_address = null,
            feedback = case when r.feedback is not null then marker end
        where r.case_id = p_case returning r.rev)
    select revs || coalesce(array_agg(u.rev), array[]::bigint[]) into revs from u;

    -- disclosures keep organisation, legal basis and dates; their texts go
    update case_participant p set purpose = marker,
        usage_restriction = case when p.usage_restriction is not null then marker end,
        end_reason = case when p.end_reason is not null then marker end
    where p.case_id = p_case;
    with u as (
        update case_participant_aud p set purpose = case when p.purpose is not null then marker end,
            usage_restriction = case when p.usage_restriction is not null then marker end,
            end_reason = case when p.end_reason is not null then marker end
        where p.case_id = p_case returning p.rev)
    select revs || coalesce(array_agg(u.rev), array[]::bigint[]) into revs from u;

    update case_task t set description = marker, outcome = case when t.outcome is not null then marker end
    where t.case_id = p_case;
    with u as (
        update case_task_aud t set description = case when t.description is not null then marker end,
            outcome = case when t.outcome is not null then marker end
        where t.case_id = p_case returning t.rev)
    select revs || coalesce(array_agg(u.rev), array[]::bigint[]) into revs from u;

    update status_report s set text = marker where s.case_id = p_case;
    with u as (
        update status_report_aud s set text = case when s.text is not null then marker end
        where s.case_id = p_case returning s.rev)
    select revs || coalesce(array_agg(u.rev), array[]::bigint[]) into revs from u;

    update municipal_note n set text = marker where n.case_id = p_case;
    with u as (
        update municipal_note_aud n set text = case when n.text is not null then marker end
        where n.case_id = p_case returning n.rev)
    select revs || coalesce(array_agg(u.rev), array[]::bigint[]) into revs from u;

    update case_review r set outcome = case when r.outcome is not null then marker end where r.case_id = p_case;
    with u as (
        update case_review_aud r set outcome = case when r.outcome is not null then marker end
        where r.case_id = p_case returning r.rev)
    select revs || coalesce(array_agg(u.rev), array[]::bigint[]) into revs from u;

    with u as (
        update legal_hold_aud h set reason = case when h.reason is not null then marker end
        where h.case_id = p_case returning h.rev)
    select revs || coalesce(array_agg(u.rev), array[]::bigint[]) into revs from u;

    -- the meetings: the item keeps its case number as title, its minutes go; frozen versions too
    update agenda_item i set title = 'Sag ' || c.case_number, minutes = case when i.minutes is not null then marker end
    where i.case_id = p_case;
    with u as (
        update agenda_item_aud i set title = case when i.title is not null then 'Sag ' || c.case_number end,
            minutes = case when i.minutes is not null then marker end
        where i.case_id = p_case returning i.rev)
    select revs || coalesce(array_agg(u.rev), array[]::bigint[]) into revs from u;

    update published_agenda p set items = (
        select jsonb_agg(case when e ->> 'caseId' = p_case::text
                then e || jsonb_build_object('title', 'Sag ' || c.case_number) else e end order by o)
        from jsonb_array_elements(p.items) with ordinality as x(e, o))
    where p.items @> jsonb_build_array(jsonb_build_object('caseId', p_case::text));

    update approved_minutes a set content = jsonb_set(a.content, '{items}', (
        select jsonb_agg(case when e ->> 'caseId' = p_case::text
                then e || jsonb_build_object('title', 'Sag ' || c.case_number)
                       || case when e ? 'minutes' then jsonb_build_object('minutes', marker) else '{}'::jsonb end
                else e end order by o)
        from jsonb_array_elements(a.content -> 'items') with ordinality as x(e, o)))
    where a.content -> 'items' @> jsonb_build_array(jsonb_build_object('caseId', p_case::text));

    -- who attended a meeting goes with the meeting's last case: once no case on its agenda (now or
    -- in its history) is still kept, the names become 'Deltager 1', 'Deltager 2', ... per meeting
    for m in
        select distinct i.meeting_id from agenda_item_aud i where i.case_id = p_case
        union select distinct i.meeting_id from agenda_item i where i.case_id = p_case
    loop
        if exists (
            select 1 from (select i.case_id from agenda_item i where i.meeting_id = m
                           union select i.case_id from agenda_item_aud i where i.meeting_id = m) items
            join concern_case other on other.id = items.case_id
            where other.id <> p_case and other.anonymised_at is null) then
            continue;
        end if;
        create temporary table if not exists retention_attendee (person text primary key, alias text)
            on commit drop;
        truncate retention_attendee;
        insert into retention_attendee (person, alias)
        select person, 'Deltager ' || row_number() over (order by person)
        from (select a.person from meeting_attendee a where a.meeting_id = m
              union select a.person from meeting_attendee_aud a where a.meeting_id = m) people
        where person not like 'Deltager %';
        update meeting_attendee a set person = r.alias
        from retention_attendee r where a.meeting_id = m and a.person = r.person;
        with u as (
            update meeting_attendee_aud a set person = r.alias
            from retention_attendee r where a.meeting_id = m and a.person = r.person returning a.rev)
        select revs || coalesce(array_agg(u.rev), array[]::bigint[]) into revs from u;
        update approved_minutes a set content = jsonb_set(a.content, '{attendees}', coalesce((
            select jsonb_agg(case when r.alias is not null then e || jsonb_build_object('person', r.alias) else e end
                             order by o)
            from jsonb_array_elements(a.content -> 'attendees') with ordinality as x(e, o)
            left join retention_attendee r on r.person = e ->> 'person'), '[]'::jsonb))
        where a.meeting_id = m and a.content ? 'attendees';
    end loop;

    -- the revisions that touched the case keep who and when; identifiers in their texts go
    with u as (
        update audit_revision r set source = retention_scrub(r.source, identifiers),
            correlation_id = retention_scrub(r.correlation_id, identifiers)
        where r.id = any (revs)
          and (r.source is distinct from retention_scrub(r.source, identifiers)
               or r.correlation_id is distinct from retention_scrub(r.correlation_id, identifiers))
        returning r.id)
    select revs || coalesce(array_agg(u.id), array[]::bigint[]) into revs from u;

    -- the reads stay (who read which case when and why) but lose the link to the person: the
    -- keyed hash goes, and so does the hash of searches for the person unless another of the
    -- person's cases is still kept
    with u as (
        update access_log l set subject_cpr_hash = null, purpose = retention_scrub(l.purpose, identifiers)
        where l.case_id = p_case
           or (l.case_id is null and l.subject_cpr_hash = c.subject_cpr_hash
               and not exists (select 1 from concern_case other where other.subject_cpr_hash = c.subject_cpr_hash
                               and other.id <> p_case))
        returning l.id)
    select array_agg(u.id) into log_ids from u;

    -- an event about the case not yet handled (or kept as completed) is moot now, and it may
    -- carry a status reason
    delete from event_publication e where e.serialized_event like '%' || p_case::text || '%';

    return query
        select 'REVISION'::text, r from (select distinct unnest(revs) as r) x
        union all
        select 'ACCESS_LOG'::text, l from unnest(coalesce(log_ids, array[]::bigint[])) as l;
end;
$$;

-- The reads that were never tied to a case (searches for a person) lose their keyed hash once
-- the access log's own period is over, the rows themselves stay. Returns the rows changed.
create function unlink_access_log(p_before timestamp with time zone)
    returns table (id bigint)
    language plpgsql security definer set search_path = public, pg_temp as $$
begin
    return query
        update access_log l set subject_cpr_hash = null
        where l.case_id is null and l.subject_cpr_hash is not null and l.read_at < p_before
        returning l.id;
end;
$$;
