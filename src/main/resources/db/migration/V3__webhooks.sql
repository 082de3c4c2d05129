-- Webhooks as a transactional outbox: an event row is inserted in the transaction of the KYC
-- status change it announces, so it exists exactly when the change was committed. Dispatchers
-- claim due rows with SELECT ... FOR UPDATE SKIP LOCKED and keep the row locked until the
-- attempt's outcome is recorded in webhook_attempt, the delivery log.
create table webhook_event (
    id              varchar(36)  primary key,
    seq             bigint       generated always as identity,
    tenant_id       varchar(36)  not null,
    customer_id     varchar(36)  not null references customer (id) on delete cascade,
    session_id      varchar(36)  not null references kyc_session (id) on delete cascade,
    kyc_status      varchar(16)  not null,
    url             varchar(500) not null,
    payload         text         not null,
    status          varchar(16)  not null,
    attempt_count   integer      not null,
    next_attempt_at timestamptz,
    created_at      timestamptz  not null,
    completed_at    timestamptz,
    constraint webhook_event_seq_uk unique (seq),
    constraint webhook_event_status_ck check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    constraint webhook_event_due_ck check ((status = 'PENDING') = (next_attempt_at is not null))
);
-- what the dispatchers poll: due events, and the earlier pending events of a session
create index webhook_event_due_idx on webhook_event (next_attempt_at) where status = 'PENDING';
create index webhook_event_pending_session_idx on webhook_event (session_id, seq) where status = 'PENDING';
create index webhook_event_customer_idx on webhook_event (customer_id, seq);
create index webhook_event_tenant_idx on webhook_event (tenant_id);

create table webhook_attempt (
    id           bigint       generated always as identity primary key,
    event_id     varchar(36)  not null references webhook_event (id) on delete cascade,
    attempt      integer      not null,
    attempted_at timestamptz  not null,
    status_code  integer,
    error        varchar(500),
    duration_ms  bigint       not null,
    constraint webhook_attempt_uk unique (event_id, attempt),
    constraint webhook_attempt_outcome_ck check ((status_code is null) <> (error is null))
);
