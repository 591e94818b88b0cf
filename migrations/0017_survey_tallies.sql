-- survey_tallies is WITHOUT ROWID (added by hand, as in 0001): stored in key order, (wave, group, item, value).
-- The INSERT (by hand) backfills the waves already published: the GROUP BY of their response rows, as
-- writeTallies does at close. Waves not published yet get theirs when they are.
CREATE TABLE `survey_tallies` (
	`wave_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`value` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`wave_id`, `unit_id`, `item_id`, `value`),
	FOREIGN KEY (`wave_id`) REFERENCES `survey_waves`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `survey_items`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `survey_tallies` (`wave_id`, `unit_id`, `item_id`, `value`, `n`)
SELECT r.`wave_id`, r.`unit_id`, a.`item_id`, a.`value`, count(*)
FROM `survey_answers` a
JOIN `survey_responses` r ON r.`id` = a.`response_id`
JOIN `survey_waves` w ON w.`id` = r.`wave_id`
WHERE w.`published` IS NOT NULL AND r.`unit_id` IS NOT NULL
GROUP BY r.`wave_id`, r.`unit_id`, a.`item_id`, a.`value`;