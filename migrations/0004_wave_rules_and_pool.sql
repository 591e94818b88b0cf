-- survey_pool is WITHOUT ROWID (added by hand, as in 0001): its physical order is the random key. The last
-- statement (by hand) fixes the rules of waves launched before this migration: K and the comment threshold
-- are never below the default 5 (their respondents may have been promised 5), the tree is today's.
CREATE TABLE `survey_pool` (
	`id` text PRIMARY KEY NOT NULL,
	`wave_id` integer NOT NULL,
	`sealed` blob NOT NULL,
	FOREIGN KEY (`wave_id`) REFERENCES `survey_waves`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `survey_waves` ADD `k` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `survey_waves` ADD `comment_k` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `survey_waves` ADD `tree` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `survey_waves` ADD `published` text;--> statement-breakpoint
UPDATE `survey_waves` SET
	`k` = max(5, coalesce((SELECT cast(`value` AS integer) FROM `settings` WHERE `key` = 'anonymity.k'), 5)),
	`comment_k` = max(5, coalesce((SELECT cast(`value` AS integer) FROM `settings` WHERE `key` = 'anonymity.k'), 5)),
	`tree` = (SELECT json_group_array(json_object('id', `id`, 'parentId', `parent_id`, 'name', `name`, 'path', `path`, 'kind', `kind`)) FROM `org_units` WHERE `active` = 1);
