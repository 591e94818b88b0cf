CREATE TABLE `shared_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rater_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`comment` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`acknowledged_at` text,
	FOREIGN KEY (`rater_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shared_feedback_subject_idx` ON `shared_feedback` (`subject_id`);--> statement-breakpoint
CREATE INDEX `shared_feedback_rater_idx` ON `shared_feedback` (`rater_id`);