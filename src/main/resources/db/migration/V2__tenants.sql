-- Tenants become rows: they carry settings (the webhook signing secret first) and are what the
-- admin API creates, lists and resets.
create table tenant (
    id             varchar(36) primary key,
    webhook_secret varchar(64) not null,
    created_at     timestamptz not null
);

insert into tenant (id, webhook_secret, created_at)
select distinct tenant_id, md5(random()::text) || md5(random()::text), now() from sandbox_user;

alter table sandbox_user add constraint sandbox_user_tenant_fk foreign key (tenant_id) references tenant (id);
