-- Every change to the published dataset is a revision whose entry is published before or after
-- it (the change feed's rule). Announce it, once committed, to every API process that caches
-- published reads: the payload is `collection/id`.
CREATE FUNCTION "notify_public_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" = 'published' OR NEW."before" ->> 'status' = 'published' THEN
    PERFORM pg_notify('atlas_public_change', NEW."collection" || '/' || NEW."entity_id");
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "revisions_notify_public_change" AFTER INSERT ON "revisions"
  FOR EACH ROW EXECUTE FUNCTION "notify_public_change"();
