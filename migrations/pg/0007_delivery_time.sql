CREATE TABLE "survey_reminder_log" (
	"employee_id" integer NOT NULL,
	"wave_id" integer NOT NULL,
	"sent_at" text NOT NULL,
	CONSTRAINT "survey_reminder_log_employee_id_sent_at_wave_id_pk" PRIMARY KEY("employee_id","sent_at","wave_id")
);
--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "leave_from" text;--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "leave_until" text;--> statement-breakpoint
ALTER TABLE "survey_participation" ADD COLUMN "pending" text;--> statement-breakpoint
ALTER TABLE "survey_participation" ADD COLUMN "send_after" text;--> statement-breakpoint
ALTER TABLE "survey_reminder_log" ADD CONSTRAINT "survey_reminder_log_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_reminder_log" ADD CONSTRAINT "survey_reminder_log_wave_id_survey_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."survey_waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_reminder_log_sent_idx" ON "survey_reminder_log" USING btree ("sent_at");--> statement-breakpoint
CREATE INDEX "employees_leave_idx" ON "employees" USING btree ("leave_until");--> statement-breakpoint
CREATE INDEX "survey_participation_send_idx" ON "survey_participation" USING btree ("send_after");