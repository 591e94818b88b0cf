ALTER TABLE "survey_schedules" ADD COLUMN "short_size" integer;--> statement-breakpoint
ALTER TABLE "survey_waves" ADD COLUMN "item_ids" text;