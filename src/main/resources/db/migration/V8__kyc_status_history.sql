-- Every status change of a KYC session, written in the transaction of the change: the console's
-- timeline shows what happened and when, where the session itself keeps only its latest status.
-- Sessions changed before this migration have no rows.
create table kyc_status_change (
    id          varchar(36) primary key,
    session_id  varchar(36) not null references kyc_session (id) on delete cascade,
    from_status varchar(16) not null,
    to_status   varchar(16) not null,
    changed_at  timestamptz not null
);
create index kyc_status_change_session_idx on kyc_status_change (session_id, changed_at);
