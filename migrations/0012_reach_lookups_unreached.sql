CREATE TABLE `platform_lookups` (
	`platform` text NOT NULL,
	`employee_id` integer NOT NULL,
	`email` text,
	`reason` text NOT NULL,
	`detail` text,
	`tried_at` text NOT NULL,
	PRIMARY KEY(`platform`, `employee_id`),
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `unreached_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_id` integer NOT NULL,
	`card_key` text,
	`card` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `unreached_messages_employee_idx` ON `unreached_messages` (`employee_id`);--> statement-breakpoint
ALTER TABLE `survey_participation` ADD `reachable` integer DEFAULT true NOT NULL;