CREATE TABLE `attendance_days` (
	`person_id` integer NOT NULL,
	`day` text NOT NULL,
	`status` text NOT NULL,
	`late_minutes` integer,
	`source` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`person_id`, `day`),
	FOREIGN KEY (`person_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attendance_days_day_idx` ON `attendance_days` (`day`);