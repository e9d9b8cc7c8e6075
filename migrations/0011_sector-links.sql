ALTER TABLE "assessments" ADD COLUMN "sector_ids" text[];--> statement-breakpoint
ALTER TABLE "china_strategies" ADD COLUMN "sector_ids" text[];--> statement-breakpoint
CREATE INDEX "assessments_sector_ids_idx" ON "assessments" USING gin ("sector_ids");--> statement-breakpoint
CREATE INDEX "china_strategies_sector_ids_idx" ON "china_strategies" USING gin ("sector_ids");