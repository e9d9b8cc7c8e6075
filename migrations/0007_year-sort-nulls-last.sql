DROP INDEX "instruments_year_id_idx";--> statement-breakpoint
CREATE INDEX "instruments_year_asc_id_idx" ON "instruments" USING btree (coalesce("year", 9999),"id");--> statement-breakpoint
CREATE INDEX "instruments_year_desc_id_idx" ON "instruments" USING btree (coalesce("year", -1),"id");