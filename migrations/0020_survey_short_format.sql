ALTER TABLE `survey_schedules` ADD `short_size` integer;--> statement-breakpoint
ALTER TABLE `survey_waves` ADD `item_ids` text;