-- GET /api/cases?size=10 as the secretariat: the 5 statements StatementCountIntegrationTests
-- records for a page (aLaterPageAndASearchCostWhatTheFirstPageDoes), with the data set's units.
-- The page comes back as one row (its rows in an array, its ids and hashes beside them), because
-- pgbench keeps only one row for the statements after it; the service reads 21 rows and sends the
-- page's ids to the next two statements. The seal's MAC is a constant (the service computes it in
-- Java). Rolled back, so the data set and its audit chain stay as they were; with fsync off a
-- commit costs little more.
begin;
select cu1_0.code from coordination_unit cu1_0 where (cu1_0.secretariat_model='MODEL_1' and cu1_0.model1_secretariat=:organisation) or (cu1_0.secretariat_model='MODEL_2' and cu1_0.model2_secretariat=:organisation);
select array_agg(c) as rows, array_agg(c.id) as ids, array_agg(c.subject_cpr_hash) as hashes from (select c.*, exists (select 1 from urgent_case u where u.case_id = c.id) as listed_urgent from (select c.* from concern_case c where (c.unit_code = any(cast(:units as varchar[])) or exists (select 1 from case_participant p where p.case_id = c.id and p.organisation = :organisation and p.ended_at is null)) and true order by c.created_at desc, c.id desc limit 11) c order by c.created_at desc, c.id desc) c \gset p_
with l as (insert into access_log (read_at, username, organisation, case_id, subject_cpr_hash, what, purpose, request_id, correlation_id) select now(), 'sekretariat', :organisation, r.case_id, r.subject_cpr_hash, r.what, r.purpose, 'pgbench', 'pgbench' from unnest(cast(:p_ids as uuid[]), cast(:p_hashes as varchar[]), array_fill('CASE_LIST'::varchar, array[cardinality(cast(:p_ids as uuid[]))]), array_fill('Overblik over sager'::varchar, array[cardinality(cast(:p_ids as uuid[]))])) as r (case_id, subject_cpr_hash, what, purpose) returning id, audit_row_digest(to_jsonb(access_log.*)) as digest) select array_agg(id) as ids, array_agg(digest) as digests from l \gset l_
select seq, mac from audit_seal_lock_head() \gset h_
with seal as ( insert into audit_seal (seq, sealed_at, kind, reason, key_id, mac) values (cast(:h_seq as bigint) + 1, now(), 'COMMIT', null, 'pgbench', '\x00') returning seq ) insert into audit_seal_item (seal, kind, ref, part, digest) select seal.seq, i.kind, i.ref, i.part, i.digest from seal, unnest(array_fill('ACCESS_LOG'::varchar, array[cardinality(cast(:l_ids as bigint[]))]), cast(:l_ids as bigint[]), array_fill('access_log'::varchar, array[cardinality(cast(:l_ids as bigint[]))]), cast(:l_digests as bytea[])) as i (kind, ref, part, digest);
rollback;
