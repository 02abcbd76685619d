-- Cases (one per person and unit while open) and the referrals (concerns) attached to them.

create table concern_case (
    id                      uuid primary key,
    unit_code               varchar(32) not null references coordination_unit (code),
    case_number             varchar(32) not null unique,
    status                  varchar(32) not null,
    closing_reason          varchar(32),
    status_reason           text,
    -- the secretariat model in force when the status last changed
    status_model            varchar(16),
    new_information         boolean not null default false,
    subject_name            varchar(255) not null,
    subject_address         varchar(500),
    -- the CPR number only ever stored encrypted (AES-GCM) and as a keyed hash (HMAC-SHA256)
    subject_cpr_encrypted   bytea not null,
    subject_cpr_hash        varchar(64) not null,
    subject_cpr_masked      varchar(11) not null,
    created_at              timestamp with time zone not null,
    updated_at              timestamp with time zone not null,
    version                 bigint not null default 0
);

-- newest-first keyset paging, overall and per unit and status
create index concern_case_created_idx on concern_case (created_at desc, id desc);
create index concern_case_unit_status_created_idx on concern_case (unit_code, status, created_at desc, id desc);
-- at most one open case per person and unit: a second concern is attached, never a second case
create unique index concern_case_one_open_per_subject on concern_case (unit_code, subject_cpr_hash)
    where status <> 'CLOSED';
create index concern_case_subject_idx on concern_case (subject_cpr_hash);

create table concern_case_aud (
    id                    uuid not null,
    rev                   bigint not null references audit_revision (id),
    revtype               smallint,
    unit_code             varchar(32),
    case_number           varchar(32),
    status                varchar(32),
    closing_reason        varchar(32),
    status_reason         text,
    status_model          varchar(16),
    new_information       boolean,
    subject_name          varchar(255),
    subject_address       varchar(500),
    subject_cpr_encrypted bytea,
    subject_cpr_hash      varchar(64),
    subject_cpr_masked    varchar(11),
    created_at            timestamp with time zone,
    updated_at            timestamp with time zone,
    primary key (id, rev)
);

create table referral (
    id                      uuid primary key,
    case_id                 uuid not null references concern_case (id),
    submitted_by_user       varchar(255) not null,
    submitted_by_org        varchar(64) not null references organisation (code),
    submitted_at            timestamp with time zone not null,
    concern                 text not null,
    category                varchar(32) not null,
    legal_basis             varchar(64) not null,
    urgent                  boolean not null
);

create index referral_case_idx on referral (case_id, submitted_at);
create index referral_org_case_idx on referral (submitted_by_org, case_id);

create table referral_aud (
    id                uuid not null,
    rev               bigint not null references audit_revision (id),
    revtype           smallint,
    case_id           uuid,
    submitted_by_user varchar(255),
    submitted_by_org  varchar(64),
    submitted_at      timestamp with time zone,
    concern           text,
    category          varchar(32),
    legal_basis       varchar(64),
    urgent            boolean,
    primary key (id, rev)
);

-- readable case numbers per unit and year (KBH-2026-0007), drawn without gaps under concurrency
create table case_number_counter (
    unit_code  varchar(32) not null references coordination_unit (code),
    year       integer not null,
    last_value integer not null,
    primary key (unit_code, year)
);
