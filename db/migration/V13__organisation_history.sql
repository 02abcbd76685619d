-- Organisations become administered data (added and changed by an administrator through
-- /api/admin/organisations and the Administration pages), so they are audited like the units:
-- every change is an Envers revision with who, when and from which request.
create table organisation_aud (
    code               varchar(64) not null,
    rev                bigint not null references audit_revision (id),
    revtype            smallint,
    name               varchar(255),
    type               varchar(32),
    municipality       varchar(255),
    notification_email varchar(255),
    primary key (code, rev)
);
