// Types for scripts/postgres-bin.mjs (plain JavaScript so scripts/ensure-postgres.mjs runs before any build).
export declare const POSTGRES_PROGRAMS: readonly string[];
export declare function postgresBinCandidates(): string[];
export declare function findPostgresBin(): string | null;
