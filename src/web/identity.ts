// A platform sign-in → the employee: by the platform identity, else by e-mail (linking the identity so the
// next sign-in and the bot both find them). A stranger or a deactivated person gets no session.
import { unitOfWork, type Db } from '../domain/unit-of-work.js';
import type { AuthIdentity, Platform } from '../bot/port.js';
import { audit } from '../domain/audit.js';
import { findByEmail, findByIdentity, linkIdentity, type Person } from '../domain/org/employees.js';

export async function employeeForIdentity(
  db: Db,
  platform: Platform,
  identity: AuthIdentity,
): Promise<Person | undefined> {
  return await unitOfWork(db, async (tx) => {
    const known = await findByIdentity(tx, platform, identity.platformUserId);
    if (known) return known.active ? known : undefined;
    const byEmail = identity.email ? await findByEmail(tx, identity.email) : undefined;
    if (!byEmail?.active) return undefined;
    await linkIdentity(tx, platform, identity.platformUserId, byEmail.id);
    await audit(tx, { kind: 'employee', employeeId: byEmail.id }, 'auth.link', platform, { via: 'mini-app' });
    return byEmail;
  });
}
