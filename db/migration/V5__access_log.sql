-- Reads of personal data: who read what about whom, when and why. Insert-only: a trigger refuses
-- UPDATE, DELETE and TRUNCATE for every role, the service's own included, so the log cannot be
-- tidied by the application it watches. (Retention, a later issue, will need a separate,
-- deliberately privileged path.)
create table access_log (
    id               bigserial primary key,
    read_at          timestamp with time zone not null,
    username         varchar(255) not null,
    organisation     varchar(64),
    case_id          uuid,
    subject_cpr_hash varchar(64),
    what             varchar(64) not null,
    purpose          varchar(255) not null,
    request_id       varchar(64)
);
create index access_log_case_idx on access_log (case_id, read_at);
create index access_log_subject_idx on access_log (subject_cpr_hash, read_at);

create function access_log_is_insert_only() returns trigger language plpgsql as $$
begin
    raise exception 'access_log is insert-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger access_log_no_update_or_delete before update or delete on access_log
    for each row execute function access_log_is_insert_only();
create trigger access_log_no_truncate before truncate on access_log
    for each statement execute function access_log_is_insert_only();
