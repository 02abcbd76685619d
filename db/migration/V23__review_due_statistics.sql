-- Pending reviews are mostly in the future (6 and 12 months after a closing), so "pending and due
-- by the meeting" is a few thousand of 1.9 million reviews, but PostgreSQL multiplied the two
-- conditions' selectivities and expected 107,000. The proposal's REVIEW_DUE branch then hashed
-- every closed case of the unit (118,000 for KBH) instead of looking up the few due: 172 ms of
-- the candidates query. A multi-column MCV list over the about 2,000 (state, due day) pairs gives
-- the planner the real count (70 ms for KBH, EXPLAIN ANALYZE on the million cases).
create statistics case_review_state_due (mcv) on state, due_date from case_review;
alter statistics case_review_state_due set statistics 10000;
