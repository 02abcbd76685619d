-- Intake must not tell a submitter whether the person already had a case (issue 7). A referral
-- therefore gets its own receipt number, keeps the subject as its submitter gave it, has a state
-- of its own, and carries the feedback the secretariat chooses to give its submitter.

-- one counter table for every numbered series: case numbers (CASE) and referral receipts (REFERRAL)
alter table case_number_counter add column series varchar(16) not null default 'CASE';
alter table case_number_counter drop constraint case_number_counter_pkey;
alter table case_number_counter add primary key (unit_code, series, year);

alter table referral
    add column receipt_number           varchar(32),
    add column subject_name             varchar(255),
    add column subject_address          varchar(500),
    add column attached_to_existing_case boolean not null default false,
    add column state                    varchar(16) not null default 'RECEIVED',
    add column feedback                 text,
    add column feedback_at              timestamp with time zone,
    add column feedback_by              varchar(255);

-- referrals from before this migration: the subject as the case holds it, a receipt number that
-- says nothing about the case, and the state the case's status implies
update referral r
set subject_name    = c.subject_name,
    subject_address = c.subject_address,
    receipt_number  = 'H-' || upper(substr(replace(r.id::text, '-', ''), 1, 12)),
    state           = case c.status when 'CLOSED' then 'CLOSED' when 'RECEIVED' then 'RECEIVED' else 'IN_PROGRESS' end
from concern_case c
where c.id = r.case_id;

alter table referral alter column receipt_number set not null;
alter table referral alter column subject_name set not null;
alter table referral add constraint referral_receipt_number_unique unique (receipt_number);
-- the submitter's own list, newest first
create index referral_org_submitted_idx on referral (submitted_by_org, submitted_at desc, id desc);

alter table referral_aud
    add column receipt_number            varchar(32),
    add column subject_name              varchar(255),
    add column subject_address           varchar(500),
    add column attached_to_existing_case boolean,
    add column state                     varchar(16),
    add column feedback                  text,
    add column feedback_at               timestamp with time zone,
    add column feedback_by               varchar(255);
