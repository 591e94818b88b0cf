-- Retention of the audit log (by hand, after the generated table): rows may be deleted only up to the latest
-- audit_prune mark, which keeps the last removed row's hash so the rest of the chain still verifies. The marks
-- themselves are append-only.
CREATE TABLE `audit_prune` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`upto_id` integer NOT NULL,
	`upto_hash` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
DROP TRIGGER `audit_log_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` WHEN OLD.`id` > coalesce((SELECT max(`upto_id`) FROM `audit_prune`), 0) BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_prune_no_update` BEFORE UPDATE ON `audit_prune` BEGIN SELECT RAISE(ABORT, 'audit_prune is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_prune_no_delete` BEFORE DELETE ON `audit_prune` BEGIN SELECT RAISE(ABORT, 'audit_prune is append-only'); END;
