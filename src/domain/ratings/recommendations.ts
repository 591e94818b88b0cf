// The training courses recommended to a person (after a low or dropping score), for their own ratings page.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { recommendations } from '../../db/schema.js';

/** This person's recommendations, newest first. */
export async function recommendationsOf(db: Db, employeeId: number) {
  return (await db.select().from(recommendations).where(eq(recommendations.employeeId, employeeId))).reverse();
}
