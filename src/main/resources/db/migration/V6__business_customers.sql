-- Business customers: the customer object is kept as the JSON text the sandbox echoes back (key
-- order included), duplicates are detected by SSN for individuals and FEIN for businesses, and
-- the last names the outcome rules look at are kept beside it.
alter table customer alter column details type text using details::text;
alter table customer rename column ssn to tax_id;
drop index customer_ssn_uk;
create unique index customer_tax_id_uk on customer (tenant_id, customer_type, tax_id) where tax_id is not null;
alter table customer add column last_names jsonb not null default '[]';
