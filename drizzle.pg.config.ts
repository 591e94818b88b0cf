// drizzle-kit for the PostgreSQL schema (`npm run db:generate:pg`); drizzle.config.ts is the SQLite one.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/schema.ts',
  out: './migrations/pg',
});
