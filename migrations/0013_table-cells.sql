ALTER TABLE "instruments" ADD COLUMN "table_cells" jsonb;--> statement-breakpoint
CREATE INDEX "instruments_table_cells_idx" ON "instruments" USING gin ("table_cells" jsonb_path_ops);