-- Sandbox users and their tokens. Passwords are bcrypt; tokens are kept only as SHA-256.
create table sandbox_user (
    id            varchar(36)  primary key,
    login         varchar(36)  not null unique,
    password_hash varchar(100) not null,
    tenant_id     varchar(36)  not null,
    created_at    timestamptz  not null
);

create table access_token (
    token_hash varchar(64) primary key,
    user_id    varchar(36) not null references sandbox_user (id) on delete cascade,
    tenant_id  varchar(36) not null,
    expires_at timestamptz not null
);
create index access_token_expires_at_idx on access_token (expires_at);

-- Customers belong to a tenant; reference and SSN are unique inside it, enforced here so that
-- concurrent inits cannot both pass a read-then-write check.
create table customer (
    id            varchar(36) primary key,
    tenant_id     varchar(36) not null,
    reference     varchar(32) not null,
    customer_type varchar(16) not null,
    details       jsonb       not null,
    ssn           varchar(9),
    kyc_status    varchar(16),
    created_at    timestamptz not null,
    constraint customer_reference_uk unique (tenant_id, reference)
);
create unique index customer_ssn_uk on customer (tenant_id, ssn) where ssn is not null;

create table kyc_session (
    id                      varchar(36) primary key,
    customer_id             varchar(36) not null references customer (id) on delete cascade,
    mode                    varchar(32) not null,
    status                  varchar(16) not null,
    missing_attribute_codes jsonb       not null,
    attributes              jsonb       not null,
    webhook_url             varchar(500),
    sync_mode               boolean,
    created_at              timestamptz not null,
    updated_at              timestamptz not null
);
create index kyc_session_customer_idx on kyc_session (customer_id, created_at desc);
-- at most one open session per customer
create unique index kyc_session_open_uk on kyc_session (customer_id) where status in ('WAITING_DATA', 'IN_REVIEW');

create table document_slot (
    id            varchar(36) primary key,
    session_id    varchar(36) not null references kyc_session (id) on delete cascade,
    customer_id   varchar(36) not null,
    position      integer     not null,
    document_type varchar(32) not null,
    document_side varchar(16) not null,
    blob_id       varchar(36),
    size_bytes    bigint,
    sha256        varchar(64),
    file_type     varchar(8),
    uploaded_at   timestamptz,
    constraint document_slot_file_ck check ((blob_id is null) = (sha256 is null))
);
create index document_slot_session_idx on document_slot (session_id);
create index document_slot_customer_idx on document_slot (customer_id);
create unique index document_slot_blob_uk on document_slot (blob_id) where blob_id is not null;
