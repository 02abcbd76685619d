-- Organisations taking part in coordination units, and the units themselves with their
-- secretariat model. Every table Hibernate maps is created here; Hibernate only validates.

create table audit_revision (
    id            bigserial primary key,
    revision_time timestamp with time zone not null,
    username      varchar(255) not null,
    organisation  varchar(64),
    request_id    varchar(64)
);

create table organisation (
    code         varchar(64) primary key,
    name         varchar(255) not null,
    type         varchar(32) not null
        check (type in ('POLICE', 'PRISON_AND_PROBATION', 'MUNICIPAL_DEPARTMENT', 'OTHER')),
    municipality varchar(255)
);

create table coordination_unit (
    code                      varchar(32) primary key,
    name                      varchar(255) not null,
    secretariat_model         varchar(16) not null check (secretariat_model in ('MODEL_1', 'MODEL_2')),
    -- which organisation each model gives the secretariat to; fixed per unit, switched by the model
    model1_secretariat        varchar(64) not null references organisation (code),
    model2_secretariat        varchar(64) not null references organisation (code),
    -- under MODEL_2 the municipality coordinates its own departments outside the unit
    municipal_coordinator     varchar(64) not null references organisation (code),
    model_change_reason       text,
    version                   bigint not null default 0
);

create table coordination_unit_aud (
    code                  varchar(32) not null,
    rev                   bigint not null references audit_revision (id),
    revtype               smallint,
    name                  varchar(255),
    secretariat_model     varchar(16),
    model1_secretariat    varchar(64),
    model2_secretariat    varchar(64),
    municipal_coordinator varchar(64),
    model_change_reason   text,
    primary key (code, rev)
);

insert into organisation (code, name, type, municipality) values
    ('KBH-POLITI', 'Københavns Politi', 'POLICE', null),
    ('KRIMINALFORSORGEN', 'Kriminalforsorgen Hovedstaden', 'PRISON_AND_PROBATION', null),
    ('KK-BIF', 'Beskæftigelses- og Integrationsforvaltningen', 'MUNICIPAL_DEPARTMENT', 'Københavns Kommune'),
    ('KK-BUF', 'Børne- og Ungdomsforvaltningen', 'MUNICIPAL_DEPARTMENT', 'Københavns Kommune'),
    ('KK-SOF', 'Socialforvaltningen', 'MUNICIPAL_DEPARTMENT', 'Københavns Kommune'),
    ('KK-SSP', 'SSP København', 'MUNICIPAL_DEPARTMENT', 'Københavns Kommune');

insert into coordination_unit (code, name, secretariat_model, model1_secretariat, model2_secretariat,
                               municipal_coordinator)
values ('KBH', 'Koordineringsenheden i København', 'MODEL_1', 'KK-BIF', 'KBH-POLITI', 'KK-BIF');
