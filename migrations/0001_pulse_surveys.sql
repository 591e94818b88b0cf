-- survey_responses, survey_answers and survey_comments are WITHOUT ROWID (added by hand to the generated
-- SQL): keyed by random ids, their physical order says nothing about who answered when.
CREATE TABLE `exports` (
	`token` text PRIMARY KEY NOT NULL,
	`filename` text NOT NULL,
	`content_type` text NOT NULL,
	`body` text NOT NULL,
	`created_by` integer NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`wave_id` integer,
	`unit_id` integer,
	`title` text NOT NULL,
	`owner_id` integer NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`wave_id`) REFERENCES `survey_waves`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `follow_ups_wave_idx` ON `follow_ups` (`wave_id`);--> statement-breakpoint
CREATE TABLE `survey_answers` (
	`response_id` text NOT NULL,
	`item_id` integer NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`response_id`, `item_id`),
	FOREIGN KEY (`response_id`) REFERENCES `survey_responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `survey_items`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `survey_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`wave_id` integer NOT NULL,
	`unit_id` integer,
	`text` text NOT NULL,
	FOREIGN KEY (`wave_id`) REFERENCES `survey_waves`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `survey_comments_wave_idx` ON `survey_comments` (`wave_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `survey_dimensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`key` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `survey_templates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `survey_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`dimension_id` integer,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`text_zh` text NOT NULL,
	`text_en` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `survey_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dimension_id`) REFERENCES `survey_dimensions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_items_key_uq` ON `survey_items` (`template_id`,`key`);--> statement-breakpoint
CREATE TABLE `survey_participation` (
	`wave_id` integer NOT NULL,
	`employee_id` integer NOT NULL,
	`unit_id` integer,
	`answered` integer DEFAULT false NOT NULL,
	`reminders_sent` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`wave_id`, `employee_id`),
	FOREIGN KEY (`wave_id`) REFERENCES `survey_waves`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `survey_participation_unit_idx` ON `survey_participation` (`wave_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`wave_id` integer NOT NULL,
	`unit_id` integer,
	FOREIGN KEY (`wave_id`) REFERENCES `survey_waves`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `survey_responses_wave_idx` ON `survey_responses` (`wave_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `survey_schedules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`cron` text NOT NULL,
	`timezone` text NOT NULL,
	`audience_unit_id` integer,
	`duration_days` integer NOT NULL,
	`reminder_days` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`last_run_for` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `survey_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audience_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `survey_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`scale_min` integer DEFAULT 1 NOT NULL,
	`scale_max` integer DEFAULT 5 NOT NULL,
	`comment_enabled` integer DEFAULT true NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_templates_key_unique` ON `survey_templates` (`key`);--> statement-breakpoint
CREATE TABLE `survey_waves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`schedule_id` integer,
	`scheduled_for` text,
	`audience_unit_id` integer,
	`opened_at` text NOT NULL,
	`closes_at` text NOT NULL,
	`closed_at` text,
	`reminder_days` text NOT NULL,
	`launched_by` integer,
	FOREIGN KEY (`template_id`) REFERENCES `survey_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`schedule_id`) REFERENCES `survey_schedules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audience_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`launched_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_waves_schedule_run_uq` ON `survey_waves` (`schedule_id`,`scheduled_for`);