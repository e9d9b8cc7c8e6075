CREATE TABLE "working_copies" (
	"collection" text NOT NULL,
	"entity_id" text NOT NULL,
	"content" jsonb,
	"base_version" integer,
	"state" text NOT NULL,
	"author" text NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "working_copies_collection_entity_id_pk" PRIMARY KEY("collection","entity_id")
);
--> statement-breakpoint
ALTER TABLE "revisions" ADD COLUMN "working" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "revisions" ADD COLUMN "comment" text;--> statement-breakpoint
CREATE INDEX "working_copies_state_updated_idx" ON "working_copies" USING btree ("state","updated_at");--> statement-breakpoint
CREATE INDEX "working_copies_author_idx" ON "working_copies" USING btree ("author","updated_at");