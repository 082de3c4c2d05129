-- Separate documents (/document/generate, /document/upload): owned by a tenant, not by a customer,
-- until /customer/kyc/document-link copies one into a KYC slot (the slot gets its own blob).
-- File columns follow document_slot: all null until the first upload.
create table separate_document (
    id          varchar(36) primary key,
    tenant_id   varchar(36) not null references tenant (id),
    blob_id     varchar(36),
    size_bytes  bigint,
    sha256      varchar(64),
    file_type   varchar(8),
    uploaded_at timestamptz,
    created_at  timestamptz not null,
    constraint separate_document_file_ck check ((blob_id is null) = (sha256 is null))
);
create index separate_document_tenant_idx on separate_document (tenant_id);
create unique index separate_document_blob_uk on separate_document (blob_id) where blob_id is not null;
