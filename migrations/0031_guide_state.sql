CREATE TABLE `guide_state` (
	`employee_id` integer PRIMARY KEY NOT NULL,
	`step` integer DEFAULT 0 NOT NULL,
	`dismissed_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
