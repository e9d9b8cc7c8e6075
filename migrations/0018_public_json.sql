ALTER TABLE "alliances" ADD COLUMN "public_json" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "public_json" text;--> statement-breakpoint
ALTER TABLE "china_strategies" ADD COLUMN "public_json" text;--> statement-breakpoint
ALTER TABLE "concepts" ADD COLUMN "public_json" text;--> statement-breakpoint
ALTER TABLE "doctrines" ADD COLUMN "public_json" text;--> statement-breakpoint
ALTER TABLE "economies" ADD COLUMN "public_json" text;--> statement-breakpoint
ALTER TABLE "instruments" ADD COLUMN "public_json" text;--> statement-breakpoint
ALTER TABLE "sector_focuses" ADD COLUMN "public_json" text;--> statement-breakpoint
ALTER TABLE "sectors" ADD COLUMN "public_json" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "public_json" text;--> statement-breakpoint
-- Each entry keeps its public JSON, written by a trigger from the row being written (entity-json.ts,
-- `pnpm db:public-json` prints what follows): reads pass it through instead of building it.
CREATE OR REPLACE FUNCTION "economies_public_json"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."public_json" := ('{' || concat_ws(',', '"id":' || coalesce(to_json(NEW."id")::text, 'null'), '"version":' || coalesce(to_json(NEW."version")::text, 'null'), '"status":' || coalesce(to_json(NEW."status")::text, 'null'), '"created_at":' || coalesce(to_json(to_char(NEW."created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"updated_at":' || coalesce(to_json(to_char(NEW."updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"kind":' || coalesce(to_json(NEW."kind")::text, 'null'), '"name":' || coalesce(to_json(NEW."name")::text, 'null'), '"roles":' || coalesce(to_json(NEW."roles")::text, 'null'), '"region":' || coalesce(to_json(NEW."region")::text, 'null'), '"member_ids":' || to_json(NEW."member_ids")::text, '"summary":' || to_json(NEW."summary")::text, '"source_ids":' || to_json(NEW."source_ids")::text, '"claims":' || to_json(NEW."claims")::text, '"paper_refs":' || to_json(NEW."paper_refs")::text, '"notes":' || to_json(NEW."notes")::text) || '}');
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "economies_public_json" ON "economies";--> statement-breakpoint
CREATE TRIGGER "economies_public_json" BEFORE INSERT OR UPDATE ON "economies" FOR EACH ROW EXECUTE FUNCTION "economies_public_json"();--> statement-breakpoint
ALTER TABLE "economies" ENABLE ALWAYS TRIGGER "economies_public_json";--> statement-breakpoint
UPDATE "economies" SET "public_json" = NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "sectors_public_json"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."public_json" := ('{' || concat_ws(',', '"id":' || coalesce(to_json(NEW."id")::text, 'null'), '"version":' || coalesce(to_json(NEW."version")::text, 'null'), '"status":' || coalesce(to_json(NEW."status")::text, 'null'), '"created_at":' || coalesce(to_json(to_char(NEW."created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"updated_at":' || coalesce(to_json(to_char(NEW."updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"name":' || coalesce(to_json(NEW."name")::text, 'null'), '"kind":' || coalesce(to_json(NEW."kind")::text, 'null'), '"parent_id":' || to_json(NEW."parent_id")::text, '"description":' || to_json(NEW."description")::text, '"source_ids":' || to_json(NEW."source_ids")::text, '"claims":' || to_json(NEW."claims")::text, '"paper_refs":' || to_json(NEW."paper_refs")::text, '"notes":' || to_json(NEW."notes")::text) || '}');
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "sectors_public_json" ON "sectors";--> statement-breakpoint
CREATE TRIGGER "sectors_public_json" BEFORE INSERT OR UPDATE ON "sectors" FOR EACH ROW EXECUTE FUNCTION "sectors_public_json"();--> statement-breakpoint
ALTER TABLE "sectors" ENABLE ALWAYS TRIGGER "sectors_public_json";--> statement-breakpoint
UPDATE "sectors" SET "public_json" = NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "sources_public_json"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."public_json" := ('{' || concat_ws(',', '"id":' || coalesce(to_json(NEW."id")::text, 'null'), '"version":' || coalesce(to_json(NEW."version")::text, 'null'), '"status":' || coalesce(to_json(NEW."status")::text, 'null'), '"created_at":' || coalesce(to_json(to_char(NEW."created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"updated_at":' || coalesce(to_json(to_char(NEW."updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"kind":' || coalesce(to_json(NEW."kind")::text, 'null'), '"title":' || coalesce(to_json(NEW."title")::text, 'null'), '"authors":' || to_json(NEW."authors")::text, '"publisher":' || to_json(NEW."publisher")::text, '"container":' || to_json(NEW."container")::text, '"published_on":' || to_json(NEW."published_on")::text, '"url":' || to_json(NEW."url")::text, '"doi":' || to_json(NEW."doi")::text, '"language":' || coalesce(to_json(NEW."language")::text, 'null'), '"pages":' || to_json(NEW."pages")::text, '"citation":' || to_json(NEW."citation")::text, '"paper_refs":' || to_json(NEW."paper_refs")::text, '"notes":' || to_json(NEW."notes")::text) || '}');
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "sources_public_json" ON "sources";--> statement-breakpoint
CREATE TRIGGER "sources_public_json" BEFORE INSERT OR UPDATE ON "sources" FOR EACH ROW EXECUTE FUNCTION "sources_public_json"();--> statement-breakpoint
ALTER TABLE "sources" ENABLE ALWAYS TRIGGER "sources_public_json";--> statement-breakpoint
UPDATE "sources" SET "public_json" = NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "doctrines_public_json"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."public_json" := ('{' || concat_ws(',', '"id":' || coalesce(to_json(NEW."id")::text, 'null'), '"version":' || coalesce(to_json(NEW."version")::text, 'null'), '"status":' || coalesce(to_json(NEW."status")::text, 'null'), '"created_at":' || coalesce(to_json(to_char(NEW."created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"updated_at":' || coalesce(to_json(to_char(NEW."updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"economy_id":' || coalesce(to_json(NEW."economy_id")::text, 'null'), '"name":' || coalesce(to_json(NEW."name")::text, 'null'), '"labels":' || to_json(NEW."labels")::text, '"summary":' || coalesce(to_json(NEW."summary")::text, 'null'), '"origins":' || coalesce(to_json(NEW."origins")::text, 'null'), '"goals":' || coalesce(to_json(NEW."goals")::text, 'null'), '"source_ids":' || coalesce(to_json(NEW."source_ids")::text, 'null'), '"claims":' || to_json(NEW."claims")::text, '"paper_refs":' || to_json(NEW."paper_refs")::text, '"notes":' || to_json(NEW."notes")::text) || '}');
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "doctrines_public_json" ON "doctrines";--> statement-breakpoint
CREATE TRIGGER "doctrines_public_json" BEFORE INSERT OR UPDATE ON "doctrines" FOR EACH ROW EXECUTE FUNCTION "doctrines_public_json"();--> statement-breakpoint
ALTER TABLE "doctrines" ENABLE ALWAYS TRIGGER "doctrines_public_json";--> statement-breakpoint
UPDATE "doctrines" SET "public_json" = NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "instruments_public_json"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."public_json" := ('{' || concat_ws(',', '"id":' || coalesce(to_json(NEW."id")::text, 'null'), '"version":' || coalesce(to_json(NEW."version")::text, 'null'), '"status":' || coalesce(to_json(NEW."status")::text, 'null'), '"created_at":' || coalesce(to_json(to_char(NEW."created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"updated_at":' || coalesce(to_json(to_char(NEW."updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"economy_id":' || coalesce(to_json(NEW."economy_id")::text, 'null'), '"level":' || coalesce(to_json(NEW."level")::text, 'null'), '"category":' || coalesce(to_json(NEW."category")::text, 'null'), '"kind":' || coalesce(to_json(NEW."kind")::text, 'null'), '"title":' || coalesce(to_json(NEW."title")::text, 'null'), '"acronym":' || to_json(NEW."acronym")::text, '"year":' || coalesce(to_json(NEW."year")::text, 'null'), '"start_date":' || to_json(NEW."start_date")::text, '"end_date":' || to_json(NEW."end_date")::text, '"lifecycle":' || coalesce(to_json(NEW."lifecycle")::text, 'null'), '"identified":' || to_json(NEW."identified")::text, '"summary":' || coalesce(to_json(NEW."summary")::text, 'null'), '"amounts":' || coalesce(to_json(NEW."amounts")::text, 'null'), '"figures":' || to_json(NEW."figures")::text, '"components":' || to_json(NEW."components")::text, '"sector_ids":' || coalesce(to_json(NEW."sector_ids")::text, 'null'), '"partner_ids":' || coalesce(to_json(NEW."partner_ids")::text, 'null'), '"alliance_ids":' || to_json(NEW."alliance_ids")::text, '"parent_id":' || to_json(NEW."parent_id")::text, '"table_cells":' || to_json(NEW."table_cells")::text, '"assessment_ids":' || to_json(NEW."assessment_ids")::text, '"source_ids":' || coalesce(to_json(NEW."source_ids")::text, 'null'), '"claims":' || to_json(NEW."claims")::text, '"paper_refs":' || to_json(NEW."paper_refs")::text, '"notes":' || to_json(NEW."notes")::text) || '}');
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "instruments_public_json" ON "instruments";--> statement-breakpoint
CREATE TRIGGER "instruments_public_json" BEFORE INSERT OR UPDATE ON "instruments" FOR EACH ROW EXECUTE FUNCTION "instruments_public_json"();--> statement-breakpoint
ALTER TABLE "instruments" ENABLE ALWAYS TRIGGER "instruments_public_json";--> statement-breakpoint
UPDATE "instruments" SET "public_json" = NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "china_strategies_public_json"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."public_json" := ('{' || concat_ws(',', '"id":' || coalesce(to_json(NEW."id")::text, 'null'), '"version":' || coalesce(to_json(NEW."version")::text, 'null'), '"status":' || coalesce(to_json(NEW."status")::text, 'null'), '"created_at":' || coalesce(to_json(to_char(NEW."created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"updated_at":' || coalesce(to_json(to_char(NEW."updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"economy_id":' || coalesce(to_json(NEW."economy_id")::text, 'null'), '"title":' || coalesce(to_json(NEW."title")::text, 'null'), '"stance":' || coalesce(to_json(NEW."stance")::text, 'null'), '"labels":' || coalesce(to_json(NEW."labels")::text, 'null'), '"summary":' || coalesce(to_json(NEW."summary")::text, 'null'), '"period_start":' || to_json(NEW."period_start")::text, '"period_end":' || to_json(NEW."period_end")::text, '"evidence":' || coalesce(to_json(NEW."evidence")::text, 'null'), '"instrument_ids":' || coalesce(to_json(NEW."instrument_ids")::text, 'null'), '"sector_ids":' || to_json(NEW."sector_ids")::text, '"source_ids":' || coalesce(to_json(NEW."source_ids")::text, 'null'), '"claims":' || to_json(NEW."claims")::text, '"paper_refs":' || to_json(NEW."paper_refs")::text, '"notes":' || to_json(NEW."notes")::text) || '}');
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "china_strategies_public_json" ON "china_strategies";--> statement-breakpoint
CREATE TRIGGER "china_strategies_public_json" BEFORE INSERT OR UPDATE ON "china_strategies" FOR EACH ROW EXECUTE FUNCTION "china_strategies_public_json"();--> statement-breakpoint
ALTER TABLE "china_strategies" ENABLE ALWAYS TRIGGER "china_strategies_public_json";--> statement-breakpoint
UPDATE "china_strategies" SET "public_json" = NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "alliances_public_json"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."public_json" := ('{' || concat_ws(',', '"id":' || coalesce(to_json(NEW."id")::text, 'null'), '"version":' || coalesce(to_json(NEW."version")::text, 'null'), '"status":' || coalesce(to_json(NEW."status")::text, 'null'), '"created_at":' || coalesce(to_json(to_char(NEW."created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"updated_at":' || coalesce(to_json(to_char(NEW."updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"name":' || coalesce(to_json(NEW."name")::text, 'null'), '"acronym":' || to_json(NEW."acronym")::text, '"kind":' || coalesce(to_json(NEW."kind")::text, 'null'), '"leader_id":' || to_json(NEW."leader_id")::text, '"identified":' || to_json(NEW."identified")::text, '"member_ids":' || coalesce(to_json(NEW."member_ids")::text, 'null'), '"sector_ids":' || coalesce(to_json(NEW."sector_ids")::text, 'null'), '"founded_year":' || coalesce(to_json(NEW."founded_year")::text, 'null'), '"summary":' || coalesce(to_json(NEW."summary")::text, 'null'), '"source_ids":' || coalesce(to_json(NEW."source_ids")::text, 'null'), '"claims":' || to_json(NEW."claims")::text, '"paper_refs":' || to_json(NEW."paper_refs")::text, '"notes":' || to_json(NEW."notes")::text) || '}');
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "alliances_public_json" ON "alliances";--> statement-breakpoint
CREATE TRIGGER "alliances_public_json" BEFORE INSERT OR UPDATE ON "alliances" FOR EACH ROW EXECUTE FUNCTION "alliances_public_json"();--> statement-breakpoint
ALTER TABLE "alliances" ENABLE ALWAYS TRIGGER "alliances_public_json";--> statement-breakpoint
UPDATE "alliances" SET "public_json" = NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "sector_focuses_public_json"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."public_json" := ('{' || concat_ws(',', '"id":' || coalesce(to_json(NEW."id")::text, 'null'), '"version":' || coalesce(to_json(NEW."version")::text, 'null'), '"status":' || coalesce(to_json(NEW."status")::text, 'null'), '"created_at":' || coalesce(to_json(to_char(NEW."created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"updated_at":' || coalesce(to_json(to_char(NEW."updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"economy_id":' || coalesce(to_json(NEW."economy_id")::text, 'null'), '"strategy":' || coalesce(to_json(NEW."strategy")::text, 'null'), '"summary":' || coalesce(to_json(NEW."summary")::text, 'null'), '"sectors":' || coalesce(to_json(NEW."sectors")::text, 'null'), '"figures":' || coalesce(to_json(NEW."figures")::text, 'null'), '"criteria":' || to_json(NEW."criteria")::text, '"programme_ids":' || coalesce(to_json(NEW."programme_ids")::text, 'null'), '"source_ids":' || coalesce(to_json(NEW."source_ids")::text, 'null'), '"claims":' || to_json(NEW."claims")::text, '"paper_refs":' || to_json(NEW."paper_refs")::text, '"notes":' || to_json(NEW."notes")::text) || '}');
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "sector_focuses_public_json" ON "sector_focuses";--> statement-breakpoint
CREATE TRIGGER "sector_focuses_public_json" BEFORE INSERT OR UPDATE ON "sector_focuses" FOR EACH ROW EXECUTE FUNCTION "sector_focuses_public_json"();--> statement-breakpoint
ALTER TABLE "sector_focuses" ENABLE ALWAYS TRIGGER "sector_focuses_public_json";--> statement-breakpoint
UPDATE "sector_focuses" SET "public_json" = NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "concepts_public_json"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."public_json" := ('{' || concat_ws(',', '"id":' || coalesce(to_json(NEW."id")::text, 'null'), '"version":' || coalesce(to_json(NEW."version")::text, 'null'), '"status":' || coalesce(to_json(NEW."status")::text, 'null'), '"created_at":' || coalesce(to_json(to_char(NEW."created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"updated_at":' || coalesce(to_json(to_char(NEW."updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"term":' || coalesce(to_json(NEW."term")::text, 'null'), '"kind":' || coalesce(to_json(NEW."kind")::text, 'null'), '"definition":' || coalesce(to_json(NEW."definition")::text, 'null'), '"origin":' || to_json(NEW."origin")::text, '"coined_by":' || to_json(NEW."coined_by")::text, '"coined_on":' || to_json(NEW."coined_on")::text, '"economy_id":' || to_json(NEW."economy_id")::text, '"source_ids":' || coalesce(to_json(NEW."source_ids")::text, 'null'), '"claims":' || to_json(NEW."claims")::text, '"paper_refs":' || to_json(NEW."paper_refs")::text, '"notes":' || to_json(NEW."notes")::text) || '}');
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "concepts_public_json" ON "concepts";--> statement-breakpoint
CREATE TRIGGER "concepts_public_json" BEFORE INSERT OR UPDATE ON "concepts" FOR EACH ROW EXECUTE FUNCTION "concepts_public_json"();--> statement-breakpoint
ALTER TABLE "concepts" ENABLE ALWAYS TRIGGER "concepts_public_json";--> statement-breakpoint
UPDATE "concepts" SET "public_json" = NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "assessments_public_json"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."public_json" := ('{' || concat_ws(',', '"id":' || coalesce(to_json(NEW."id")::text, 'null'), '"version":' || coalesce(to_json(NEW."version")::text, 'null'), '"status":' || coalesce(to_json(NEW."status")::text, 'null'), '"created_at":' || coalesce(to_json(to_char(NEW."created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"updated_at":' || coalesce(to_json(to_char(NEW."updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), '"kind":' || coalesce(to_json(NEW."kind")::text, 'null'), '"ordinal":' || coalesce(to_json(NEW."ordinal")::text, 'null'), '"statement":' || coalesce(to_json(NEW."statement")::text, 'null'), '"economy_ids":' || coalesce(to_json(NEW."economy_ids")::text, 'null'), '"sector_ids":' || to_json(NEW."sector_ids")::text, '"figures":' || to_json(NEW."figures")::text, '"components":' || to_json(NEW."components")::text, '"source_ids":' || coalesce(to_json(NEW."source_ids")::text, 'null'), '"claims":' || to_json(NEW."claims")::text, '"paper_refs":' || to_json(NEW."paper_refs")::text, '"notes":' || to_json(NEW."notes")::text) || '}');
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "assessments_public_json" ON "assessments";--> statement-breakpoint
CREATE TRIGGER "assessments_public_json" BEFORE INSERT OR UPDATE ON "assessments" FOR EACH ROW EXECUTE FUNCTION "assessments_public_json"();--> statement-breakpoint
ALTER TABLE "assessments" ENABLE ALWAYS TRIGGER "assessments_public_json";--> statement-breakpoint
UPDATE "assessments" SET "public_json" = NULL;
