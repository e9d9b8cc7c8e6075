CREATE INDEX "alliances_name_search_idx" ON "alliances" USING gin (ts_filter("search_vector", '{a}'));--> statement-breakpoint
CREATE INDEX "assessments_name_search_idx" ON "assessments" USING gin (ts_filter("search_vector", '{a}'));--> statement-breakpoint
CREATE INDEX "china_strategies_name_search_idx" ON "china_strategies" USING gin (ts_filter("search_vector", '{a}'));--> statement-breakpoint
CREATE INDEX "concepts_name_search_idx" ON "concepts" USING gin (ts_filter("search_vector", '{a}'));--> statement-breakpoint
CREATE INDEX "doctrines_name_search_idx" ON "doctrines" USING gin (ts_filter("search_vector", '{a}'));--> statement-breakpoint
CREATE INDEX "economies_name_search_idx" ON "economies" USING gin (ts_filter("search_vector", '{a}'));--> statement-breakpoint
CREATE INDEX "instruments_name_search_idx" ON "instruments" USING gin (ts_filter("search_vector", '{a}'));--> statement-breakpoint
CREATE INDEX "sector_focuses_name_search_idx" ON "sector_focuses" USING gin (ts_filter("search_vector", '{a}'));--> statement-breakpoint
CREATE INDEX "sectors_name_search_idx" ON "sectors" USING gin (ts_filter("search_vector", '{a}'));--> statement-breakpoint
CREATE INDEX "sources_name_search_idx" ON "sources" USING gin (ts_filter("search_vector", '{a}'));