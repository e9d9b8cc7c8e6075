ALTER TABLE "alliances" ADD COLUMN "search_fields" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "search_fields" text;--> statement-breakpoint
ALTER TABLE "china_strategies" ADD COLUMN "search_fields" text;--> statement-breakpoint
ALTER TABLE "concepts" ADD COLUMN "search_fields" text;--> statement-breakpoint
ALTER TABLE "doctrines" ADD COLUMN "search_fields" text;--> statement-breakpoint
ALTER TABLE "economies" ADD COLUMN "search_fields" text;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "search_fields" text;--> statement-breakpoint
ALTER TABLE "sector_focuses" ADD COLUMN "search_fields" text;--> statement-breakpoint
ALTER TABLE "sectors" ADD COLUMN "search_fields" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "search_fields" text;