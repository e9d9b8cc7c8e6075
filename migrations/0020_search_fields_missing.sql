CREATE INDEX "alliances_search_fields_missing_idx" ON "alliances" USING btree ("id") WHERE search_fields is null;--> statement-breakpoint
CREATE INDEX "assessments_search_fields_missing_idx" ON "assessments" USING btree ("id") WHERE search_fields is null;--> statement-breakpoint
CREATE INDEX "china_strategies_search_fields_missing_idx" ON "china_strategies" USING btree ("id") WHERE search_fields is null;--> statement-breakpoint
CREATE INDEX "concepts_search_fields_missing_idx" ON "concepts" USING btree ("id") WHERE search_fields is null;--> statement-breakpoint
CREATE INDEX "doctrines_search_fields_missing_idx" ON "doctrines" USING btree ("id") WHERE search_fields is null;--> statement-breakpoint
CREATE INDEX "economies_search_fields_missing_idx" ON "economies" USING btree ("id") WHERE search_fields is null;--> statement-breakpoint
CREATE INDEX "instruments_search_fields_missing_idx" ON "instruments" USING btree ("id") WHERE search_fields is null;--> statement-breakpoint
CREATE INDEX "sector_focuses_search_fields_missing_idx" ON "sector_focuses" USING btree ("id") WHERE search_fields is null;--> statement-breakpoint
CREATE INDEX "sectors_search_fields_missing_idx" ON "sectors" USING btree ("id") WHERE search_fields is null;--> statement-breakpoint
CREATE INDEX "sources_search_fields_missing_idx" ON "sources" USING btree ("id") WHERE search_fields is null;