-- Outcome rules: when the scheduler decides a session in review. Set in the transaction that
-- moves the session to IN_REVIEW and cleared by every later status change, so it survives a
-- restart and never outlives the review it was made for. Null: no automatic decision pending
-- (not in review, or a WaitReview customer waiting for an admin). Sessions already in review
-- when this migration runs keep waiting for an admin, as they did before it.
alter table kyc_session add column decision_due_at timestamptz;
create index kyc_session_decision_due_idx on kyc_session (decision_due_at) where decision_due_at is not null;

-- The KYC mode a tenant's new sessions open in, by wire name; null: the configured default.
alter table tenant add column kyc_mode varchar(32);
