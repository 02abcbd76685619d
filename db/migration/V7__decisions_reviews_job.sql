-- Issue 4, second part: decisions recorded at meetings, attendance, approved minutes, reviews
-- after closing, the per-unit follow-up default, and the lock that keeps the daily job single.

-- where a revision's changes came from beyond the user, e.g. "Møde 2026-12-03, punkt 2"
alter table audit_revision add column source varchar(255);

alter table coordination_unit add column follow_up_days integer not null default 30
    check (follow_up_days between 1 and 365);
alter table coordination_unit_aud add column follow_up_days integer;

alter table agenda_item add column minutes text;
alter table agenda_item add column decided_at timestamp with time zone;
alter table agenda_item add column decided_by varchar(255);
alter table agenda_item_aud add column minutes text;
alter table agenda_item_aud add column decided_at timestamp with time zone;
alter table agenda_item_aud add column decided_by varchar(255);

create table meeting_attendee (
    meeting_id   uuid not null references meeting (id),
    organisation varchar(64) not null references organisation (code),
    person       varchar(255) not null,
    primary key (meeting_id, organisation, person)
);

-- Envers numbers the elements of a set of embeddables (setordinal)
create table meeting_attendee_aud (
    rev          bigint not null references audit_revision (id),
    revtype      smallint,
    meeting_id   uuid not null,
    organisation varchar(64) not null,
    person       varchar(255) not null,
    setordinal   integer not null,
    primary key (rev, meeting_id, organisation, person, setordinal)
);

-- approved minutes, frozen like a published agenda
create table approved_minutes (
    meeting_id  uuid primary key references meeting (id),
    approved_at timestamp with time zone not null,
    approved_by varchar(255) not null,
    content     jsonb not null
);

-- reviews of a closed case after 6 and 12 months (configurable)
create table case_review (
    id          uuid primary key,
    case_id     uuid not null references concern_case (id),
    due_date    date not null,
    state       varchar(16) not null check (state in ('PENDING', 'CONFIRMED', 'REOPENED', 'CANCELLED')),
    outcome     text,
    decided_at  timestamp with time zone
);
create index case_review_due_idx on case_review (due_date) where state = 'PENDING';
create index case_review_case_idx on case_review (case_id);

create table case_review_aud (
    id          uuid not null,
    rev         bigint not null references audit_revision (id),
    revtype     smallint,
    case_id     uuid,
    due_date    date,
    state       varchar(16),
    outcome     text,
    decided_at  timestamp with time zone,
    primary key (id, rev)
);

-- ShedLock's JDBC provider: one row per scheduled job, so only one instance runs it
create table shedlock (
    name       varchar(64) primary key,
    lock_until timestamp with time zone not null,
    locked_at  timestamp with time zone not null,
    locked_by  varchar(255) not null
);
