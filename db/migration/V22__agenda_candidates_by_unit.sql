-- The agenda proposal's candidates and the follow-up list ask "what of this unit is due by a day",
-- and every case list and brief asks "is this case urgent". On a million cases each was answered
-- by scanning across units: urgent_case read all 1.5 million referrals (DISTINCT over a sequential
-- scan, 293 ms) whichever cases were asked about, and the unit's candidates came from a bitmap heap
-- scan of its 125,000 cases (1.8 s for one proposal in EXPLAIN ANALYZE).

-- urgent_case as a semi-join, so a question about some cases probes their referrals by index
-- instead of building the whole set first. Same rows: each case with an urgent referral, once.
create or replace view urgent_case (case_id) as
    select c.id from concern_case c
    where exists (select 1 from referral r where r.case_id = c.id and r.urgent);

create index referral_urgent_case_idx on referral (case_id) where urgent;

-- due_work's branches, each found from the unit or the day it filters on. The follow-up index
-- replaces the one on follow_up_date alone: the unit comes first in every question asked of it,
-- and PostgreSQL 18 skip-scans it for the daily job's count over all units.
drop index concern_case_follow_up_idx;
create index concern_case_unit_follow_up_idx on concern_case (unit_code, follow_up_date)
    where status <> 'CLOSED' and follow_up_date is not null;
-- the view's due day of a task is the day after its due date
create index case_task_overdue_idx on case_task ((due_date + 1))
    where state in ('PLANNED', 'IN_PROGRESS') and due_date is not null;

-- new information on an open case puts it on the next agenda
create index concern_case_unit_new_information_idx on concern_case (unit_code)
    where new_information and status <> 'CLOSED';
