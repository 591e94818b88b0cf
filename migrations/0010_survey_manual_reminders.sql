CREATE TABLE `survey_manual_reminders` (
	`wave_id` integer NOT NULL,
	`day` text NOT NULL,
	`sent_at` text NOT NULL,
	`sent_by` integer,
	`recipients` integer NOT NULL,
	PRIMARY KEY(`wave_id`, `day`),
	FOREIGN KEY (`wave_id`) REFERENCES `survey_waves`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
