-- Issue 7, section 3: a decided agenda item keeps its record, and "what is due" has one definition.

-- The service refuses these changes with a 409 before they reach the database; the trigger is the
-- backstop for any other path (a script, a future bug), because the minutes of a decision are what
-- the case history points to ("Møde …, punkt 2").
create function agenda_item_keep_decision() returns trigger
    language plpgsql as $$
begin
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

create trigger agenda_item_keep_decision
    before update or delete on agenda_item
    for each row execute function agenda_item_keep_decision();

-- The one definition of what is due for the secretariat, used by the follow-up list, the daily job
-- and the agenda proposal alike. due_on is the first day the row counts as due; a consumer asks
-- "due_on <= :day" for the day it cares about (today, or the meeting's day).
--   CASE_FOLLOW_UP  an open case (any status but CLOSED) on its follow-up date
--   OVERDUE_TASK    an unfinished task (PLANNED, IN_PROGRESS) of an open case, from the day after
--                   its due date
--   REVIEW_DUE      a pending review of a closed case on its due date
-- A closed case's old follow-up date and unfinished tasks are not due: closing ends that work.
create view due_work (kind, unit_code, case_id, task_id, due_on) as
    select 'CASE_FOLLOW_UP', c.unit_code, c.id, null::uuid, c.follow_up_date
    from concern_case c
    where c.status <> 'CLOSED' and c.follow_up_date is not null
    union all
    select 'OVERDUE_TASK', c.unit_code, c.id, t.id, t.due_date + 1
    from case_task t join concern_case c on c.id = t.case_id
    where c.status <> 'CLOSED' and t.state in ('PLANNED', 'IN_PROGRESS') and t.due_date is not null
    union all
    select 'REVIEW_DUE', c.unit_code, c.id, null::uuid, r.due_date
    from case_review r join concern_case c on c.id = r.case_id
    where c.status = 'CLOSED' and r.state = 'PENDING';

-- An urgent concern: a case any of whose referrals the submitter marked urgent. It comes first on
-- proposals and the follow-up list.
create view urgent_case (case_id) as
    select distinct r.case_id from referral r where r.urgent;
