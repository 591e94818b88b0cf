CREATE TABLE "attendance_days" (
	"person_id" integer NOT NULL,
	"day" text NOT NULL,
	"status" text NOT NULL,
	"late_minutes" integer,
	"source" text NOT NULL,
	"updated_at" text DEFAULT (to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	CONSTRAINT "attendance_days_person_id_day_pk" PRIMARY KEY("person_id","day")
);
--> statement-breakpoint
ALTER TABLE "attendance_days" ADD CONSTRAINT "attendance_days_person_id_employees_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_days_day_idx" ON "attendance_days" USING btree ("day");