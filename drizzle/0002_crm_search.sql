CREATE INDEX "contacts_workspace_idx" ON "contacts" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "contacts_name_trgm" ON "contacts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_external_id_trgm" ON "contacts" USING gin ("external_id" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_phone_number_trgm" ON "contacts" USING gin ("phone_number" gin_trgm_ops);