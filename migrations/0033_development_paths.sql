CREATE TABLE `development_paths` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`role` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `path_course_progress` (
	`enrolment_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`completed_at` text NOT NULL,
	`marked_by` integer NOT NULL,
	PRIMARY KEY(`enrolment_id`, `course_id`),
	FOREIGN KEY (`enrolment_id`) REFERENCES `path_enrolments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marked_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `path_enrolments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_id` integer NOT NULL,
	`path_id` integer NOT NULL,
	`started_on` text NOT NULL,
	`current_stage` integer DEFAULT 0 NOT NULL,
	`finished_at` text,
	`assigned_by` integer,
	`head_notice_to` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`path_id`) REFERENCES `development_paths`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`head_notice_to`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `path_enrolments_employee_uq` ON `path_enrolments` (`employee_id`);--> statement-breakpoint
CREATE INDEX `path_enrolments_path_idx` ON `path_enrolments` (`path_id`);--> statement-breakpoint
CREATE TABLE `path_stage_courses` (
	`stage_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`stage_id`, `course_id`),
	FOREIGN KEY (`stage_id`) REFERENCES `path_stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `path_stages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`path_id` integer NOT NULL,
	`position` integer NOT NULL,
	`from_month` integer NOT NULL,
	`to_month` integer NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	FOREIGN KEY (`path_id`) REFERENCES `development_paths`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `path_stages_uq` ON `path_stages` (`path_id`,`position`);