CREATE TABLE "guide_state" (
	"employee_id" integer NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"dismissed_at" text,
	"updated_at" text DEFAULT (to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	CONSTRAINT "guide_state_employee_id_pk" PRIMARY KEY("employee_id")
);
--> statement-breakpoint
ALTER TABLE "guide_state" ADD CONSTRAINT "guide_state_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE no action ON UPDATE no action;