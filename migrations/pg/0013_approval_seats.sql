ALTER TABLE "approval_decisions" ADD COLUMN "detail" text;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD COLUMN "seats" text;