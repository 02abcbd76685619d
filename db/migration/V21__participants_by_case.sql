-- Every case request reads the case's participants, past and present, by start (the access check
-- and the case view, CaseAccess); the only index on case_id was the partial one of active
-- participants, so on a million cases each read scanned all 528,000 participant rows (200 ms).
create index case_participant_case_idx on case_participant (case_id, started_at);
