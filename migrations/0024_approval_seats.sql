ALTER TABLE `approval_decisions` ADD `detail` text;--> statement-breakpoint
ALTER TABLE `approval_requests` ADD `seats` text;