DROP INDEX `approval_requests_status_idx`;--> statement-breakpoint
CREATE INDEX `approval_requests_status_started_idx` ON `approval_requests` (`status`,`step_started_at`,`id`);--> statement-breakpoint
CREATE INDEX `approval_requests_status_reminded_idx` ON `approval_requests` (`status`,`reminded_at`,`step_started_at`);--> statement-breakpoint
CREATE INDEX `approval_requests_flow_status_idx` ON `approval_requests` (`flow_key`,`status`);