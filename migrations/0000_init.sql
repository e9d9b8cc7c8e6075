CREATE TYPE "public"."status" AS ENUM('draft', 'in_review', 'published', 'archived');--> statement-breakpoint
CREATE TABLE "alliances" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" "status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_tokens" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS ((search_tokens)::tsvector) STORED,
	"name" jsonb NOT NULL,
	"acronym" text,
	"kind" text NOT NULL,
	"leader_id" text,
	"member_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"sector_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"founded_year" integer,
	"summary" jsonb NOT NULL,
	"source_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"paper_refs" text[],
	"notes" jsonb
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" "status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_tokens" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS ((search_tokens)::tsvector) STORED,
	"kind" text NOT NULL,
	"ordinal" integer NOT NULL,
	"statement" jsonb NOT NULL,
	"economy_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"paper_refs" text[],
	"notes" jsonb
);
--> statement-breakpoint
CREATE TABLE "china_strategies" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" "status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_tokens" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS ((search_tokens)::tsvector) STORED,
	"economy_id" text NOT NULL,
	"title" jsonb NOT NULL,
	"stance" text NOT NULL,
	"labels" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"period_start" text,
	"period_end" text,
	"evidence" jsonb NOT NULL,
	"instrument_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"paper_refs" text[],
	"notes" jsonb
);
--> statement-breakpoint
CREATE TABLE "concepts" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" "status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_tokens" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS ((search_tokens)::tsvector) STORED,
	"term" jsonb NOT NULL,
	"kind" text NOT NULL,
	"definition" jsonb NOT NULL,
	"origin" jsonb,
	"coined_by" text,
	"coined_on" text,
	"economy_id" text,
	"source_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"paper_refs" text[],
	"notes" jsonb
);
--> statement-breakpoint
CREATE TABLE "doctrines" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" "status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_tokens" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS ((search_tokens)::tsvector) STORED,
	"economy_id" text NOT NULL,
	"name" jsonb NOT NULL,
	"labels" jsonb,
	"summary" jsonb NOT NULL,
	"origins" jsonb NOT NULL,
	"goals" jsonb NOT NULL,
	"source_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"paper_refs" text[],
	"notes" jsonb
);
--> statement-breakpoint
CREATE TABLE "economies" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" "status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_tokens" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS ((search_tokens)::tsvector) STORED,
	"kind" text NOT NULL,
	"name" jsonb NOT NULL,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"region" text NOT NULL,
	"member_ids" text[],
	"summary" jsonb,
	"source_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"paper_refs" text[],
	"notes" jsonb
);
--> statement-breakpoint
CREATE TABLE "instruments" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" "status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_tokens" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS ((search_tokens)::tsvector) STORED,
	"economy_id" text NOT NULL,
	"level" text NOT NULL,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"acronym" text,
	"year" integer,
	"start_date" text,
	"end_date" text,
	"lifecycle" text NOT NULL,
	"summary" jsonb NOT NULL,
	"amounts" jsonb NOT NULL,
	"currencies" text[] DEFAULT '{}'::text[] NOT NULL,
	"figures" jsonb,
	"components" jsonb,
	"sector_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"partner_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"alliance_ids" text[],
	"parent_id" text,
	"source_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"paper_refs" text[],
	"notes" jsonb
);
--> statement-breakpoint
CREATE TABLE "sector_focuses" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" "status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_tokens" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS ((search_tokens)::tsvector) STORED,
	"economy_id" text NOT NULL,
	"strategy" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"sectors" jsonb NOT NULL,
	"sector_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"figures" jsonb NOT NULL,
	"criteria" jsonb,
	"programme_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"paper_refs" text[],
	"notes" jsonb
);
--> statement-breakpoint
CREATE TABLE "sectors" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" "status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_tokens" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS ((search_tokens)::tsvector) STORED,
	"name" jsonb NOT NULL,
	"kind" text NOT NULL,
	"parent_id" text,
	"description" jsonb,
	"source_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"paper_refs" text[],
	"notes" jsonb
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" "status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_tokens" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS ((search_tokens)::tsvector) STORED,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"authors" text[],
	"publisher" text,
	"container" text,
	"published_on" text,
	"published_year" integer GENERATED ALWAYS AS ((substr(published_on, 1, 4))::integer) STORED,
	"url" text,
	"doi" text,
	"language" text NOT NULL,
	"pages" text,
	"citation" text,
	"paper_refs" text[],
	"notes" jsonb
);
--> statement-breakpoint
ALTER TABLE "alliances" ADD CONSTRAINT "alliances_leader_id_economies_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."economies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "china_strategies" ADD CONSTRAINT "china_strategies_economy_id_economies_id_fk" FOREIGN KEY ("economy_id") REFERENCES "public"."economies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concepts" ADD CONSTRAINT "concepts_economy_id_economies_id_fk" FOREIGN KEY ("economy_id") REFERENCES "public"."economies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctrines" ADD CONSTRAINT "doctrines_economy_id_economies_id_fk" FOREIGN KEY ("economy_id") REFERENCES "public"."economies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instruments" ADD CONSTRAINT "instruments_economy_id_economies_id_fk" FOREIGN KEY ("economy_id") REFERENCES "public"."economies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instruments" ADD CONSTRAINT "instruments_parent_id_instruments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sector_focuses" ADD CONSTRAINT "sector_focuses_economy_id_economies_id_fk" FOREIGN KEY ("economy_id") REFERENCES "public"."economies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alliances_status_idx" ON "alliances" USING btree ("status");--> statement-breakpoint
CREATE INDEX "alliances_search_idx" ON "alliances" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "alliances_source_ids_idx" ON "alliances" USING gin ("source_ids");--> statement-breakpoint
CREATE INDEX "alliances_kind_idx" ON "alliances" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "alliances_member_ids_idx" ON "alliances" USING gin ("member_ids");--> statement-breakpoint
CREATE INDEX "alliances_sector_ids_idx" ON "alliances" USING gin ("sector_ids");--> statement-breakpoint
CREATE INDEX "assessments_status_idx" ON "assessments" USING btree ("status");--> statement-breakpoint
CREATE INDEX "assessments_search_idx" ON "assessments" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "assessments_source_ids_idx" ON "assessments" USING gin ("source_ids");--> statement-breakpoint
CREATE INDEX "assessments_kind_idx" ON "assessments" USING btree ("kind","ordinal");--> statement-breakpoint
CREATE INDEX "assessments_economy_ids_idx" ON "assessments" USING gin ("economy_ids");--> statement-breakpoint
CREATE INDEX "china_strategies_status_idx" ON "china_strategies" USING btree ("status");--> statement-breakpoint
CREATE INDEX "china_strategies_search_idx" ON "china_strategies" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "china_strategies_source_ids_idx" ON "china_strategies" USING gin ("source_ids");--> statement-breakpoint
CREATE INDEX "china_strategies_economy_idx" ON "china_strategies" USING btree ("economy_id");--> statement-breakpoint
CREATE INDEX "china_strategies_stance_idx" ON "china_strategies" USING btree ("stance");--> statement-breakpoint
CREATE INDEX "china_strategies_instrument_ids_idx" ON "china_strategies" USING gin ("instrument_ids");--> statement-breakpoint
CREATE INDEX "concepts_status_idx" ON "concepts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "concepts_search_idx" ON "concepts" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "concepts_source_ids_idx" ON "concepts" USING gin ("source_ids");--> statement-breakpoint
CREATE INDEX "concepts_kind_idx" ON "concepts" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "concepts_economy_idx" ON "concepts" USING btree ("economy_id");--> statement-breakpoint
CREATE INDEX "doctrines_status_idx" ON "doctrines" USING btree ("status");--> statement-breakpoint
CREATE INDEX "doctrines_search_idx" ON "doctrines" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "doctrines_source_ids_idx" ON "doctrines" USING gin ("source_ids");--> statement-breakpoint
CREATE INDEX "doctrines_economy_idx" ON "doctrines" USING btree ("economy_id");--> statement-breakpoint
CREATE INDEX "economies_status_idx" ON "economies" USING btree ("status");--> statement-breakpoint
CREATE INDEX "economies_search_idx" ON "economies" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "economies_source_ids_idx" ON "economies" USING gin ("source_ids");--> statement-breakpoint
CREATE INDEX "economies_kind_idx" ON "economies" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "economies_region_idx" ON "economies" USING btree ("region");--> statement-breakpoint
CREATE INDEX "economies_roles_idx" ON "economies" USING gin ("roles");--> statement-breakpoint
CREATE INDEX "instruments_status_idx" ON "instruments" USING btree ("status");--> statement-breakpoint
CREATE INDEX "instruments_search_idx" ON "instruments" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "instruments_source_ids_idx" ON "instruments" USING gin ("source_ids");--> statement-breakpoint
CREATE INDEX "instruments_economy_level_category_idx" ON "instruments" USING btree ("economy_id","level","category");--> statement-breakpoint
CREATE INDEX "instruments_level_category_idx" ON "instruments" USING btree ("level","category");--> statement-breakpoint
CREATE INDEX "instruments_category_idx" ON "instruments" USING btree ("category");--> statement-breakpoint
CREATE INDEX "instruments_year_idx" ON "instruments" USING btree ("year");--> statement-breakpoint
CREATE INDEX "instruments_lifecycle_idx" ON "instruments" USING btree ("lifecycle");--> statement-breakpoint
CREATE INDEX "instruments_parent_idx" ON "instruments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "instruments_sector_ids_idx" ON "instruments" USING gin ("sector_ids");--> statement-breakpoint
CREATE INDEX "instruments_partner_ids_idx" ON "instruments" USING gin ("partner_ids");--> statement-breakpoint
CREATE INDEX "instruments_currencies_idx" ON "instruments" USING gin ("currencies");--> statement-breakpoint
CREATE INDEX "sector_focuses_status_idx" ON "sector_focuses" USING btree ("status");--> statement-breakpoint
CREATE INDEX "sector_focuses_search_idx" ON "sector_focuses" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "sector_focuses_source_ids_idx" ON "sector_focuses" USING gin ("source_ids");--> statement-breakpoint
CREATE INDEX "sector_focuses_economy_idx" ON "sector_focuses" USING btree ("economy_id");--> statement-breakpoint
CREATE INDEX "sector_focuses_sector_ids_idx" ON "sector_focuses" USING gin ("sector_ids");--> statement-breakpoint
CREATE INDEX "sectors_status_idx" ON "sectors" USING btree ("status");--> statement-breakpoint
CREATE INDEX "sectors_search_idx" ON "sectors" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "sectors_source_ids_idx" ON "sectors" USING gin ("source_ids");--> statement-breakpoint
CREATE INDEX "sectors_kind_idx" ON "sectors" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "sectors_parent_idx" ON "sectors" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "sources_status_idx" ON "sources" USING btree ("status");--> statement-breakpoint
CREATE INDEX "sources_search_idx" ON "sources" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "sources_kind_idx" ON "sources" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "sources_language_idx" ON "sources" USING btree ("language");--> statement-breakpoint
CREATE INDEX "sources_year_idx" ON "sources" USING btree ("published_year");