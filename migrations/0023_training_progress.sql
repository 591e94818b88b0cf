CREATE TABLE `training_progress` (
	`recommendation_id` integer PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`attended_at` text,
	`completed_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`recommendation_id`) REFERENCES `recommendations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `courses` ADD `materials` text;