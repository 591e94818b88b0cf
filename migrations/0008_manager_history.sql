CREATE TABLE `manager_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_id` integer NOT NULL,
	`manager_id` integer,
	`unit_id` integer,
	`from` text NOT NULL,
	`to` text,
	`source` text NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `manager_history_employee_idx` ON `manager_history` (`employee_id`,`from`);--> statement-breakpoint
-- Backfill: everyone's current manager and unit as an open period starting when they were added.
INSERT INTO `manager_history` (`employee_id`, `manager_id`, `unit_id`, `from`, `to`, `source`) SELECT `id`, `manager_id`, `unit_id`, substr(`created_at`, 1, 10), NULL, 'backfill' FROM `employees`;
