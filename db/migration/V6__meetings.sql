-- Issue 4: meetings of the unit and their agendas.

-- where an organisation receives the unit's meeting invitations (a functional mailbox, no person)
alter table organisation add column notification_email varchar(255);
update organisation set notification_email = lower(code) || '@example.invalid';

create table meeting (
    id               uuid primary key,
    unit_code        varchar(32) not null references coordination_unit (code),
    starts_at        timestamp with time zone not null,
    duration_minutes integer not null check (duration_minutes between 15 and 720),
    location         varchar(500) not null,
    state            varchar(24) not null,
    -- iCalendar SEQUENCE: grows with every change the invited must learn about
    sequence         integer not null default 0,
    agenda_version   integer not null default 0,
    created_by_user  varchar(255) not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    version          bigint not null default 0
);
create index meeting_unit_start_idx on meeting (unit_code, starts_at);

create table meeting_aud (
    id               uuid not null,
    rev              bigint not null references audit_revision (id),
    revtype          smallint,
    unit_code        varchar(32),
    starts_at        timestamp with time zone,
    duration_minutes integer,
    location         varchar(500),
    state            varchar(24),
    sequence         integer,
    agenda_version   integer,
    created_by_user  varchar(255),
    created_at       timestamp with time zone,
    updated_at       timestamp with time zone,
    primary key (id, rev)
);

create table meeting_invitee (
    meeting_id   uuid not null references meeting (id),
    organisation varchar(64) not null references organisation (code),
    primary key (meeting_id, organisation)
);
create index meeting_invitee_org_idx on meeting_invitee (organisation, meeting_id);

create table meeting_invitee_aud (
    rev          bigint not null references audit_revision (id),
    revtype      smallint,
    meeting_id   uuid not null,
    organisation varchar(64) not null,
    primary key (rev, meeting_id, organisation)
);

-- the working agenda; a published version is frozen in agenda_version
create table agenda_item (
    id          uuid primary key,
    meeting_id  uuid not null references meeting (id),
    position    integer not null,
    case_id     uuid references concern_case (id),
    reason      varchar(32) not null,
    title       varchar(500) not null,
    created_at  timestamp with time zone not null
);
create index agenda_item_meeting_idx on agenda_item (meeting_id, position);

create table agenda_item_aud (
    id          uuid not null,
    rev         bigint not null references audit_revision (id),
    revtype     smallint,
    meeting_id  uuid,
    position    integer,
    case_id     uuid,
    reason      varchar(32),
    title       varchar(500),
    created_at  timestamp with time zone,
    primary key (id, rev)
);

-- a published agenda, frozen: never updated, so earlier versions stay readable as published
create table published_agenda (
    meeting_id     uuid not null references meeting (id),
    version        integer not null,
    published_at   timestamp with time zone not null,
    published_by   varchar(255) not null,
    items          jsonb not null,
    primary key (meeting_id, version)
);
