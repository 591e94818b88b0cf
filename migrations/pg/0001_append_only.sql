-- Append-only tables, as the SQLite migrations enforce with triggers (0002: ledger_entries, approval_decisions;
-- 0005 and 0007: audit_log, audit_prune): UPDATE and DELETE are refused with '<table> is append-only'. The one
-- exception is retention (src/domain/retention.ts): audit_log rows up to the latest audit_prune mark may be
-- deleted. PostgreSQL also has TRUNCATE, which row triggers do not see: refused too.
CREATE FUNCTION append_only_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE FUNCTION audit_log_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.id > coalesce((SELECT max(upto_id) FROM audit_prune), 0) THEN
		RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'restrict_violation';
	END IF;
	RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION append_only_refuse();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION append_only_refuse();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse();
--> statement-breakpoint
CREATE TRIGGER approval_decisions_no_update BEFORE UPDATE ON approval_decisions FOR EACH ROW EXECUTE FUNCTION append_only_refuse();
--> statement-breakpoint
CREATE TRIGGER approval_decisions_no_delete BEFORE DELETE ON approval_decisions FOR EACH ROW EXECUTE FUNCTION append_only_refuse();
--> statement-breakpoint
CREATE TRIGGER approval_decisions_no_truncate BEFORE TRUNCATE ON approval_decisions FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION append_only_refuse();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse();
--> statement-breakpoint
CREATE TRIGGER audit_prune_no_update BEFORE UPDATE ON audit_prune FOR EACH ROW EXECUTE FUNCTION append_only_refuse();
--> statement-breakpoint
CREATE TRIGGER audit_prune_no_delete BEFORE DELETE ON audit_prune FOR EACH ROW EXECUTE FUNCTION append_only_refuse();
--> statement-breakpoint
CREATE TRIGGER audit_prune_no_truncate BEFORE TRUNCATE ON audit_prune FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse();
