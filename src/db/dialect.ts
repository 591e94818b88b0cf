// Which database this process runs on, read once when it starts: PostgreSQL when DATABASE_URL is a
// postgres:// URL, else the embedded SQLite file at DATABASE_PATH. Read from the environment at load (main.ts
// reads .env first) because the tables the domain queries are chosen by it (src/db/schema.ts).
export type Dialect = 'sqlite' | 'postgres';

export const isPostgresUrl = (url: string | undefined): boolean => url !== undefined && /^postgres(ql)?:\/\//.test(url);

export const DIALECT: Dialect = isPostgresUrl(process.env.DATABASE_URL) ? 'postgres' : 'sqlite';
