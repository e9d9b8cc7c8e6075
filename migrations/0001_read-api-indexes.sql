ALTER TABLE "instruments" ADD COLUMN "has_amount" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "instruments_has_amount_idx" ON "instruments" USING btree ("has_amount");--> statement-breakpoint
CREATE INDEX "instruments_year_id_idx" ON "instruments" USING btree (coalesce("year", 0),"id");--> statement-breakpoint
CREATE INDEX "instruments_title_id_idx" ON "instruments" USING btree (("title" ->> 'en'),"id");--> statement-breakpoint
CREATE INDEX "instruments_updated_id_idx" ON "instruments" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "instruments_created_id_idx" ON "instruments" USING btree ("created_at","id");--> statement-breakpoint
-- Backfill: rows written before this column existed.
UPDATE "instruments" SET "has_amount" = jsonb_array_length("amounts") > 0;
