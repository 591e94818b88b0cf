CREATE TABLE `performance_talks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`employee_id` integer NOT NULL,
	`manager_id` integer NOT NULL,
	`dimension` text NOT NULL,
	`scores` text NOT NULL,
	`due_at` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`done_at` text,
	FOREIGN KEY (`cycle_id`) REFERENCES `rating_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `performance_talks_uq` ON `performance_talks` (`cycle_id`,`employee_id`,`dimension`);--> statement-breakpoint
CREATE INDEX `performance_talks_manager_idx` ON `performance_talks` (`manager_id`,`status`);