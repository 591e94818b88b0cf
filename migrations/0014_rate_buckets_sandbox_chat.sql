CREATE TABLE `rate_buckets` (
	`key` text PRIMARY KEY NOT NULL,
	`tokens` real NOT NULL,
	`updated_at` integer NOT NULL,
	`paused_until` integer DEFAULT 0 NOT NULL,
	`granted` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sandbox_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation` text NOT NULL,
	`sender` text NOT NULL,
	`text` text,
	`card` text,
	`version` integer NOT NULL,
	`idempotency_key` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_messages_idempotency_uq` ON `sandbox_messages` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_messages_version_uq` ON `sandbox_messages` (`version`);--> statement-breakpoint
CREATE INDEX `sandbox_messages_conversation_idx` ON `sandbox_messages` (`conversation`,`id`);