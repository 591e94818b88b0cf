-- The INSERT (by hand) backfills the waves already published: the GROUP BY of their response rows, as
-- writeTallies does at close. Waves not published yet get theirs when they are.
CREATE TABLE "survey_tallies" (
	"wave_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"value" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "survey_tallies_wave_id_unit_id_item_id_value_pk" PRIMARY KEY("wave_id","unit_id","item_id","value")
);
--> statement-breakpoint
ALTER TABLE "survey_tallies" ADD CONSTRAINT "survey_tallies_wave_id_survey_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."survey_waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_tallies" ADD CONSTRAINT "survey_tallies_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_tallies" ADD CONSTRAINT "survey_tallies_item_id_survey_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."survey_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
INSERT INTO "survey_tallies" ("wave_id", "unit_id", "item_id", "value", "n")
SELECT r."wave_id", r."unit_id", a."item_id", a."value", count(*)
FROM "survey_answers" a
JOIN "survey_responses" r ON r."id" = a."response_id"
JOIN "survey_waves" w ON w."id" = r."wave_id"
WHERE w."published" IS NOT NULL AND r."unit_id" IS NOT NULL
GROUP BY r."wave_id", r."unit_id", a."item_id", a."value";