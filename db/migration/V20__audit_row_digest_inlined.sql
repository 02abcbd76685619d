-- audit_row_digest (V19) was declared immutable, but convert_to is only stable, so PostgreSQL would not
-- inline it and ran it as a function call per row: a small executor of its own for every access-log
-- insert and for each of the tens of millions of rows the chain's genesis and verification digest. The
-- same body declared stable is inlined into the query that calls it. Nothing indexes it, so immutable
-- bought nothing.
create or replace function audit_row_digest(p_row jsonb) returns bytea language sql stable as $$
    select sha256(convert_to(jsonb_strip_nulls(p_row)::text, 'UTF8'))
$$;
