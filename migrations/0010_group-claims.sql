ALTER TABLE "assessments" ADD COLUMN "figures" jsonb;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "components" jsonb;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "assessment_ids" text[];--> statement-breakpoint
CREATE INDEX "instruments_assessment_ids_idx" ON "instruments" USING gin ("assessment_ids");