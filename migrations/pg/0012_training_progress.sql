CREATE TABLE "training_progress" (
	"recommendation_id" integer NOT NULL,
	"state" text NOT NULL,
	"attended_at" text,
	"completed_at" text,
	"updated_at" text DEFAULT (to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) NOT NULL,
	CONSTRAINT "training_progress_recommendation_id_pk" PRIMARY KEY("recommendation_id")
);
--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "materials" text;--> statement-breakpoint
ALTER TABLE "training_progress" ADD CONSTRAINT "training_progress_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;