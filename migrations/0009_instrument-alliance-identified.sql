ALTER TABLE "alliances" ADD COLUMN "identified" boolean;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "identified" boolean;