ALTER TABLE "alliances" ADD COLUMN "claims" jsonb;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "claims" jsonb;--> statement-breakpoint
ALTER TABLE "china_strategies" ADD COLUMN "claims" jsonb;--> statement-breakpoint
ALTER TABLE "concepts" ADD COLUMN "claims" jsonb;--> statement-breakpoint
ALTER TABLE "doctrines" ADD COLUMN "claims" jsonb;--> statement-breakpoint
ALTER TABLE "economies" ADD COLUMN "claims" jsonb;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "claims" jsonb;--> statement-breakpoint
ALTER TABLE "sector_focuses" ADD COLUMN "claims" jsonb;--> statement-breakpoint
ALTER TABLE "sectors" ADD COLUMN "claims" jsonb;--> statement-breakpoint
CREATE INDEX "alliances_claims_idx" ON "alliances" USING gin ("claims" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "assessments_claims_idx" ON "assessments" USING gin ("claims" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "china_strategies_claims_idx" ON "china_strategies" USING gin ("claims" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "concepts_claims_idx" ON "concepts" USING gin ("claims" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "doctrines_claims_idx" ON "doctrines" USING gin ("claims" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "economies_claims_idx" ON "economies" USING gin ("claims" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "instruments_claims_idx" ON "instruments" USING gin ("claims" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "instruments_amounts_idx" ON "instruments" USING gin ("amounts" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "sector_focuses_claims_idx" ON "sector_focuses" USING gin ("claims" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "sectors_claims_idx" ON "sectors" USING gin ("claims" jsonb_path_ops);