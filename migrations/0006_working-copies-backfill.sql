-- Entries already in the workflow (draft or in review) are their own working copies: list them in
-- the review queue, with the last actor that changed them as their author.
INSERT INTO "working_copies" ("collection", "entity_id", "state", "author", "updated_at")
SELECT 'economies', e."id", e."status"::text,
  coalesce((SELECT r."actor" FROM "revisions" r WHERE r."collection" = 'economies' AND r."entity_id" = e."id" ORDER BY r."seq" DESC LIMIT 1), 'unknown'),
  e."updated_at"
FROM "economies" e WHERE e."status" IN ('draft', 'in_review');--> statement-breakpoint
INSERT INTO "working_copies" ("collection", "entity_id", "state", "author", "updated_at")
SELECT 'sectors', e."id", e."status"::text,
  coalesce((SELECT r."actor" FROM "revisions" r WHERE r."collection" = 'sectors' AND r."entity_id" = e."id" ORDER BY r."seq" DESC LIMIT 1), 'unknown'),
  e."updated_at"
FROM "sectors" e WHERE e."status" IN ('draft', 'in_review');--> statement-breakpoint
INSERT INTO "working_copies" ("collection", "entity_id", "state", "author", "updated_at")
SELECT 'sources', e."id", e."status"::text,
  coalesce((SELECT r."actor" FROM "revisions" r WHERE r."collection" = 'sources' AND r."entity_id" = e."id" ORDER BY r."seq" DESC LIMIT 1), 'unknown'),
  e."updated_at"
FROM "sources" e WHERE e."status" IN ('draft', 'in_review');--> statement-breakpoint
INSERT INTO "working_copies" ("collection", "entity_id", "state", "author", "updated_at")
SELECT 'doctrines', e."id", e."status"::text,
  coalesce((SELECT r."actor" FROM "revisions" r WHERE r."collection" = 'doctrines' AND r."entity_id" = e."id" ORDER BY r."seq" DESC LIMIT 1), 'unknown'),
  e."updated_at"
FROM "doctrines" e WHERE e."status" IN ('draft', 'in_review');--> statement-breakpoint
INSERT INTO "working_copies" ("collection", "entity_id", "state", "author", "updated_at")
SELECT 'instruments', e."id", e."status"::text,
  coalesce((SELECT r."actor" FROM "revisions" r WHERE r."collection" = 'instruments' AND r."entity_id" = e."id" ORDER BY r."seq" DESC LIMIT 1), 'unknown'),
  e."updated_at"
FROM "instruments" e WHERE e."status" IN ('draft', 'in_review');--> statement-breakpoint
INSERT INTO "working_copies" ("collection", "entity_id", "state", "author", "updated_at")
SELECT 'china-strategies', e."id", e."status"::text,
  coalesce((SELECT r."actor" FROM "revisions" r WHERE r."collection" = 'china-strategies' AND r."entity_id" = e."id" ORDER BY r."seq" DESC LIMIT 1), 'unknown'),
  e."updated_at"
FROM "china_strategies" e WHERE e."status" IN ('draft', 'in_review');--> statement-breakpoint
INSERT INTO "working_copies" ("collection", "entity_id", "state", "author", "updated_at")
SELECT 'alliances', e."id", e."status"::text,
  coalesce((SELECT r."actor" FROM "revisions" r WHERE r."collection" = 'alliances' AND r."entity_id" = e."id" ORDER BY r."seq" DESC LIMIT 1), 'unknown'),
  e."updated_at"
FROM "alliances" e WHERE e."status" IN ('draft', 'in_review');--> statement-breakpoint
INSERT INTO "working_copies" ("collection", "entity_id", "state", "author", "updated_at")
SELECT 'sector-focuses', e."id", e."status"::text,
  coalesce((SELECT r."actor" FROM "revisions" r WHERE r."collection" = 'sector-focuses' AND r."entity_id" = e."id" ORDER BY r."seq" DESC LIMIT 1), 'unknown'),
  e."updated_at"
FROM "sector_focuses" e WHERE e."status" IN ('draft', 'in_review');--> statement-breakpoint
INSERT INTO "working_copies" ("collection", "entity_id", "state", "author", "updated_at")
SELECT 'concepts', e."id", e."status"::text,
  coalesce((SELECT r."actor" FROM "revisions" r WHERE r."collection" = 'concepts' AND r."entity_id" = e."id" ORDER BY r."seq" DESC LIMIT 1), 'unknown'),
  e."updated_at"
FROM "concepts" e WHERE e."status" IN ('draft', 'in_review');--> statement-breakpoint
INSERT INTO "working_copies" ("collection", "entity_id", "state", "author", "updated_at")
SELECT 'assessments', e."id", e."status"::text,
  coalesce((SELECT r."actor" FROM "revisions" r WHERE r."collection" = 'assessments' AND r."entity_id" = e."id" ORDER BY r."seq" DESC LIMIT 1), 'unknown'),
  e."updated_at"
FROM "assessments" e WHERE e."status" IN ('draft', 'in_review');--> statement-breakpoint
-- A change to a working copy is not public: it announces nothing to the read caches.
CREATE OR REPLACE FUNCTION "notify_public_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT NEW."working" AND (NEW."status" = 'published' OR NEW."before" ->> 'status' = 'published') THEN
    PERFORM pg_notify('atlas_public_change', NEW."collection" || '/' || NEW."entity_id");
  END IF;
  RETURN NULL;
END
$$;
