CREATE TABLE `courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`dimension` text NOT NULL,
	`url` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rating_assignments` (
	`cycle_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`dimension` text NOT NULL,
	`rater_id` integer,
	PRIMARY KEY(`cycle_id`, `subject_id`, `dimension`),
	FOREIGN KEY (`cycle_id`) REFERENCES `rating_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rater_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rating_assignments_rater_idx` ON `rating_assignments` (`cycle_id`,`rater_id`);--> statement-breakpoint
CREATE TABLE `rating_cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scheme_id` integer NOT NULL,
	`scheme_snapshot` text NOT NULL,
	`unit_id` integer NOT NULL,
	`opened_at` text NOT NULL,
	`closes_at` text NOT NULL,
	`closed_at` text,
	`opened_by` integer,
	FOREIGN KEY (`scheme_id`) REFERENCES `rating_schemes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rating_feedback` (
	`cycle_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`rater_id` integer NOT NULL,
	`comment` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`cycle_id`, `subject_id`, `rater_id`),
	FOREIGN KEY (`cycle_id`) REFERENCES `rating_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rater_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rating_raters` (
	`cycle_id` integer NOT NULL,
	`rater_id` integer NOT NULL,
	`reminders_sent` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`cycle_id`, `rater_id`),
	FOREIGN KEY (`cycle_id`) REFERENCES `rating_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rater_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rating_results` (
	`cycle_id` integer NOT NULL,
	`employee_id` integer NOT NULL,
	`scores` text NOT NULL,
	`composite` real,
	`missing` text NOT NULL,
	`computed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`cycle_id`, `employee_id`),
	FOREIGN KEY (`cycle_id`) REFERENCES `rating_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rating_results_employee_idx` ON `rating_results` (`employee_id`);--> statement-breakpoint
CREATE TABLE `rating_schemes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`definition` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rating_schemes_key_unique` ON `rating_schemes` (`key`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`cycle_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`dimension` text NOT NULL,
	`value` real NOT NULL,
	`rater_id` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`cycle_id`, `subject_id`, `dimension`),
	FOREIGN KEY (`cycle_id`) REFERENCES `rating_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rater_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `recommendations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`employee_id` integer NOT NULL,
	`dimension` text NOT NULL,
	`course_id` integer NOT NULL,
	`reason` text NOT NULL,
	`request_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `rating_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `approval_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recommendations_uq` ON `recommendations` (`cycle_id`,`employee_id`,`dimension`);