CREATE TABLE `survey_reminder_log` (
	`employee_id` integer NOT NULL,
	`wave_id` integer NOT NULL,
	`sent_at` text NOT NULL,
	PRIMARY KEY(`employee_id`, `sent_at`, `wave_id`),
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`wave_id`) REFERENCES `survey_waves`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `survey_reminder_log_sent_idx` ON `survey_reminder_log` (`sent_at`);--> statement-breakpoint
ALTER TABLE `employees` ADD `leave_from` text;--> statement-breakpoint
ALTER TABLE `employees` ADD `leave_until` text;--> statement-breakpoint
CREATE INDEX `employees_leave_idx` ON `employees` (`leave_until`);--> statement-breakpoint
ALTER TABLE `survey_participation` ADD `pending` text;--> statement-breakpoint
ALTER TABLE `survey_participation` ADD `send_after` text;--> statement-breakpoint
CREATE INDEX `survey_participation_send_idx` ON `survey_participation` (`send_after`);