-- Akepa, connectFi's successor of the deprecated KYC family: applications (connectFi's
-- "journeys"), the entities each one checks, and the documents generated and uploaded for them.
-- A separate process from the legacy KYC session: nothing here points at kyc_session.
create table akepa_application (
    id              varchar(36)  primary key,
    tenant_id       varchar(36)  not null references tenant (id),
    customer_id     varchar(36)  not null references customer (id) on delete cascade,
    reference       varchar(32)  not null,
    status          varchar(16)  not null,
    outcome         varchar(8),
    webhook_url     varchar(500),
    sync_mode       boolean,
    -- when the outcome rules decide a running application; persisted, so a decision due when the
    -- sandbox died is taken after its restart (as kyc_session.decision_due_at)
    decision_due_at timestamptz,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    constraint akepa_application_reference_uk unique (tenant_id, reference),
    constraint akepa_application_status_ck
        check (status in ('data_request', 'pending_step_up', 'running', 'waiting_review', 'completed')),
    constraint akepa_application_outcome_ck check ((status = 'completed') = (outcome is not null))
);
create index akepa_application_customer_idx on akepa_application (customer_id, created_at desc);
-- at most one application in progress per customer
create unique index akepa_application_open_uk on akepa_application (customer_id) where status <> 'completed';
create index akepa_application_decision_due_idx on akepa_application (decision_due_at) where decision_due_at is not null;

create table akepa_entity (
    id             varchar(36) primary key,
    application_id varchar(36) not null references akepa_application (id) on delete cascade,
    entity_id      varchar(36) not null,
    is_customer    boolean     not null,
    position       integer     not null,
    constraint akepa_entity_uk unique (application_id, entity_id)
);

-- Documents are the tenant's from /akepa/document/generate on; /akepa/update attaches them to an
-- application (application_id), after which they belong to it for good. File columns as document_slot.
create table akepa_document (
    id                 varchar(36)  primary key,
    tenant_id          varchar(36)  not null references tenant (id),
    workflow           varchar(8)   not null,
    name               varchar(50)  not null,
    declared_extension varchar(3)   not null,
    document_type      varchar(32)  not null,
    note               varchar(500),
    note_author        varchar(254),
    application_id     varchar(36)  references akepa_application (id) on delete cascade,
    attached_at        timestamptz,
    blob_id            varchar(36),
    size_bytes         bigint,
    sha256             varchar(64),
    file_type          varchar(8),
    uploaded_at        timestamptz,
    created_at         timestamptz  not null,
    constraint akepa_document_file_ck check ((blob_id is null) = (sha256 is null)),
    constraint akepa_document_attached_ck check ((application_id is null) = (attached_at is null))
);
create index akepa_document_tenant_idx on akepa_document (tenant_id);
create index akepa_document_application_idx on akepa_document (application_id) where application_id is not null;
create unique index akepa_document_blob_uk on akepa_document (blob_id) where blob_id is not null;

-- The webhook outbox announces application changes too: an event is about a KYC session or an
-- application, never both, with the status that thing changed to.
alter table webhook_event alter column session_id drop not null;
alter table webhook_event alter column kyc_status drop not null;
alter table webhook_event add column application_id varchar(36) references akepa_application (id) on delete cascade;
alter table webhook_event add column application_status varchar(16);
alter table webhook_event add constraint webhook_event_subject_ck check (
    (session_id is not null and kyc_status is not null and application_id is null and application_status is null)
    or (session_id is null and kyc_status is null and application_id is not null and application_status is not null));
create index webhook_event_pending_application_idx on webhook_event (application_id, seq) where status = 'PENDING';
