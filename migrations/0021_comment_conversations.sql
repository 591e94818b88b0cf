-- comment_messages is WITHOUT ROWID (added by hand, as in 0001): its physical order is the random key, not the
-- order in which the team and the author wrote.
CREATE TABLE `comment_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`thread_id` integer NOT NULL,
	`side` text NOT NULL,
	`sender_id` integer,
	`body` text NOT NULL,
	`release_at` text NOT NULL,
	`released` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `comment_threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sender_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `comment_messages_thread_idx` ON `comment_messages` (`thread_id`,`release_at`);--> statement-breakpoint
CREATE INDEX `comment_messages_release_idx` ON `comment_messages` (`released`,`release_at`);--> statement-breakpoint
CREATE TABLE `comment_threads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`comment_id` text NOT NULL,
	`wave_id` integer NOT NULL,
	`unit_id` integer,
	`key_hash` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`started_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`closed_at` text,
	`close_released` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`wave_id`) REFERENCES `survey_waves`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`started_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comment_threads_comment_uq` ON `comment_threads` (`comment_id`);--> statement-breakpoint
CREATE INDEX `comment_threads_key_idx` ON `comment_threads` (`key_hash`);--> statement-breakpoint
ALTER TABLE `survey_comments` ADD `reply_key_hash` text;