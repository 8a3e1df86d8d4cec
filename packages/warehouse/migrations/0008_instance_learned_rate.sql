ALTER TABLE "dw_api_credentials" ADD COLUMN "learned_rate_rps" real;--> statement-breakpoint
ALTER TABLE "dw_api_credentials" ADD COLUMN "learned_rate_at" timestamp with time zone;