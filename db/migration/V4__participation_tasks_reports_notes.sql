-- Issue 3: organisations take part in cases (disclosures with legal basis), own tasks, status
-- reports, the municipality's own coordination thread, and the follow-up date of a case.

alter table coordination_unit add column municipality varchar(255);
alter table coordination_unit_aud add column municipality varchar(255);
update coordination_unit set municipality = 'Københavns Kommune' where code = 'KBH';
alter table coordination_unit alter column municipality set not null;

-- the secretariat decides which concerns' content participants may read
alter table referral add column shared_with_participants boolean not null default false;
alter table referral_aud add column shared_with_participants boolean;

alter table concern_case add column follow_up_date date;
alter table concern_case_aud add column follow_up_date date;
create index concern_case_follow_up_idx on concern_case (follow_up_date) where status <> 'CLOSED';

-- one row per disclosure: who disclosed the case to which organisation, when, on which basis and
-- for which purpose; ending the participation closes the period, the row stays
create table case_participant (
    id                  uuid primary key,
    case_id             uuid not null references concern_case (id),
    organisation        varchar(64) not null references organisation (code),
    legal_basis         varchar(64) not null,
    purpose             text not null,
    usage_restriction   text,
    disclosed_by_user   varchar(255) not null,
    disclosed_by_org    varchar(64) not null,
    started_at          timestamp with time zone not null,
    ended_at            timestamp with time zone,
    ended_by_user       varchar(255),
    end_reason          text
);
create unique index case_participant_active_idx on case_participant (case_id, organisation) where ended_at is null;
create index case_participant_org_idx on case_participant (organisation, case_id) where ended_at is null;

create table case_participant_aud (
    id                uuid not null,
    rev               bigint not null references audit_revision (id),
    revtype           smallint,
    case_id           uuid,
    organisation      varchar(64),
    legal_basis       varchar(64),
    purpose           text,
    usage_restriction text,
    disclosed_by_user varchar(255),
    disclosed_by_org  varchar(64),
    started_at        timestamp with time zone,
    ended_at          timestamp with time zone,
    ended_by_user     varchar(255),
    end_reason        text,
    primary key (id, rev)
);

create table case_task (
    id              uuid primary key,
    case_id         uuid not null references concern_case (id),
    organisation    varchar(64) not null references organisation (code),
    description     text not null,
    due_date        date,
    state           varchar(16) not null,
    outcome         text,
    created_by_user varchar(255) not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    version         bigint not null default 0
);
create index case_task_case_idx on case_task (case_id, created_at);
create index case_task_due_idx on case_task (due_date) where state in ('PLANNED', 'IN_PROGRESS');

create table case_task_aud (
    id              uuid not null,
    rev             bigint not null references audit_revision (id),
    revtype         smallint,
    case_id         uuid,
    organisation    varchar(64),
    description     text,
    due_date        date,
    state           varchar(16),
    outcome         text,
    created_by_user varchar(255),
    created_at      timestamp with time zone,
    updated_at      timestamp with time zone,
    primary key (id, rev)
);

create table status_report (
    id               uuid primary key,
    case_id          uuid not null references concern_case (id),
    organisation     varchar(64) not null references organisation (code),
    involvement      varchar(32) not null,
    text             text not null,
    reported_by_user varchar(255) not null,
    reported_at      timestamp with time zone not null
);
create index status_report_case_idx on status_report (case_id, organisation, reported_at desc);

create table status_report_aud (
    id               uuid not null,
    rev              bigint not null references audit_revision (id),
    revtype          smallint,
    case_id          uuid,
    organisation     varchar(64),
    involvement      varchar(32),
    text             text,
    reported_by_user varchar(255),
    reported_at      timestamp with time zone,
    primary key (id, rev)
);

-- the municipality's own coordination between its departments (model 2 keeps it outside the unit)
create table municipal_note (
    id             uuid primary key,
    case_id        uuid not null references concern_case (id),
    author_user    varchar(255) not null,
    author_org     varchar(64) not null references organisation (code),
    written_at     timestamp with time zone not null,
    text           text not null
);
create index municipal_note_case_idx on municipal_note (case_id, written_at);

create table municipal_note_aud (
    id          uuid not null,
    rev         bigint not null references audit_revision (id),
    revtype     smallint,
    case_id     uuid,
    author_user varchar(255),
    author_org  varchar(64),
    written_at  timestamp with time zone,
    text        text,
    primary key (id, rev)
);
