-- The first answer to a POST sent with an Idempotency-Key header (POST /api/referrals and
-- /api/meetings), so a client that lost the answer and sends the request again gets that answer
-- instead of a second referral or meeting. The row is written in the same transaction as what the
-- request creates: it exists exactly when that was committed. A retry that arrives while the first
-- is still running waits on a transaction-level advisory lock on the key until the first commits or rolls back
-- (IdempotentRequests). Kept one day (coordination.idempotency.keep), then deleted: the answers
-- hold receipts and meeting data, no CPR number; the fingerprint is a SHA-256 of the request as
-- the service read it, only compared, never shown.
create table idempotency_key (
    owner           text        not null,
    operation       text        not null,
    idempotency_key text        not null,
    fingerprint     bytea       not null,
    created_at      timestamptz not null,
    status          smallint    not null,
    location        text,
    etag            text,
    body            text        not null,
    primary key (owner, operation, idempotency_key)
);

create index idempotency_key_created_at_idx on idempotency_key (created_at);
