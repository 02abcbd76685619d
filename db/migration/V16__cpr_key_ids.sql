-- CPR keys that can be rotated (issue 10). The ciphertext and the keyed hash of a CPR number now
-- name the key that made them, so several keys can be configured while a rotation moves the
-- stored numbers to the current one:
--   subject_cpr_encrypted  0x01 (format), length of the key id, the key id (ASCII), nonce, ciphertext
--   subject_cpr_hash       <key id>:<64 hex digits>; a key id is at most 16 characters, hence 81
-- Everything stored before was made with the one key of that time, which the service now calls k1
-- (the single pair coordination.cpr.encryption-key/hash-key). Only the labels change here: the
-- ciphertext keeps its bytes after the new prefix, the hash its digits after 'k1:'. Run as the
-- schema owner, whom the access log's trigger lets update (V14); nothing is sealed yet (V17).

alter table concern_case alter column subject_cpr_hash type varchar(81);
alter table concern_case_aud alter column subject_cpr_hash type varchar(81);
alter table access_log alter column subject_cpr_hash type varchar(81);

update concern_case
set subject_cpr_encrypted = '\x01026b31'::bytea || subject_cpr_encrypted,
    subject_cpr_hash      = 'k1:' || subject_cpr_hash;
update concern_case_aud
set subject_cpr_encrypted = '\x01026b31'::bytea || subject_cpr_encrypted,
    subject_cpr_hash      = 'k1:' || subject_cpr_hash
where subject_cpr_hash is not null;
update access_log set subject_cpr_hash = 'k1:' || subject_cpr_hash where subject_cpr_hash is not null;

-- the rotation walks the rows of each earlier key in hash order (cases, revisions) or id order
-- (the log), and counts what is left per key
create index concern_case_cpr_key_idx on concern_case (split_part(subject_cpr_hash, ':', 1), subject_cpr_hash);
create index concern_case_aud_cpr_key_idx on concern_case_aud (split_part(subject_cpr_hash, ':', 1), subject_cpr_hash);
create index access_log_cpr_key_idx on access_log (split_part(subject_cpr_hash, ':', 1), id);

-- The service may only insert into and read concern_case_aud and access_log. A rotation re-keys
-- their rows through this function, which can do nothing else: it sets the CPR columns of the rows
-- carrying one of the given old hashes to the new hash (and, in concern_case_aud, the new
-- ciphertext), only from one key to another and only to well-formed values, and reports which
-- revisions and log entries it changed so the service can seal them again (AuditSeals).
create function rekey_cpr_audit_rows(old_hashes varchar[], new_hashes varchar[], new_encrypted bytea[])
    returns table (revision bigint, access_log_entry bigint)
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    i integer;
begin
    if coalesce(cardinality(old_hashes), 0) <> coalesce(cardinality(new_hashes), 0)
        or coalesce(cardinality(old_hashes), 0) <> coalesce(cardinality(new_encrypted), 0) then
        raise exception 'rekey_cpr_audit_rows: as many new hashes and ciphertexts as old hashes are needed';
    end if;
    for i in 1 .. coalesce(cardinality(old_hashes), 0) loop
        if old_hashes[i] !~ '^[A-Za-z0-9._-]{1,16}:[0-9a-f]{64}$' or new_hashes[i] !~ '^[A-Za-z0-9._-]{1,16}:[0-9a-f]{64}$'
            or split_part(old_hashes[i], ':', 1) = split_part(new_hashes[i], ':', 1)
            or get_byte(new_encrypted[i], 0) <> 1
            or substring(new_encrypted[i] from 3 for get_byte(new_encrypted[i], 1))
                <> convert_to(split_part(new_hashes[i], ':', 1), 'UTF8') then
            raise exception 'rekey_cpr_audit_rows: entry % is not a re-key from one CPR key to another', i;
        end if;
    end loop;
    return query
        with changed as (
            update concern_case_aud a
            set subject_cpr_hash = m.new_hash, subject_cpr_encrypted = m.new_enc
            from unnest(old_hashes, new_hashes, new_encrypted) as m (old_hash, new_hash, new_enc)
            where a.subject_cpr_hash = m.old_hash
            returning a.rev
        )
        select distinct changed.rev, null::bigint from changed;
    return query
        with changed as (
            update access_log l
            set subject_cpr_hash = m.new_hash
            from unnest(old_hashes, new_hashes) as m (old_hash, new_hash)
            where l.subject_cpr_hash = m.old_hash
            returning l.id
        )
        select null::bigint, changed.id from changed;
end;
$$;
