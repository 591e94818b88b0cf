CREATE TABLE `indicator_rule_claims` (
	`rule_id` integer NOT NULL,
	`employee_id` integer NOT NULL,
	`period` text NOT NULL,
	`request_id` integer NOT NULL,
	PRIMARY KEY(`rule_id`, `employee_id`, `period`),
	FOREIGN KEY (`rule_id`) REFERENCES `indicator_rules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `approval_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `indicator_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_key` text NOT NULL,
	`op` text NOT NULL,
	`threshold` real NOT NULL,
	`points` integer NOT NULL,
	`tag_id` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tag_id`) REFERENCES `value_tags`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `indicator_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`system_id` integer NOT NULL,
	`indicator_key` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` integer NOT NULL,
	`period` text NOT NULL,
	`value` real NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `ingest_systems`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_values_uq` ON `indicator_values` (`system_id`,`indicator_key`,`subject_kind`,`subject_id`,`period`);--> statement-breakpoint
CREATE INDEX `indicator_values_subject_idx` ON `indicator_values` (`subject_kind`,`subject_id`,`indicator_key`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`unit` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_key_unique` ON `indicators` (`key`);--> statement-breakpoint
CREATE TABLE `ingest_systems` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ingest_systems_name_unique` ON `ingest_systems` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `ingest_systems_token_hash_unique` ON `ingest_systems` (`token_hash`);