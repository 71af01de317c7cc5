import type { Role } from '../../storage/repositories/users.repository.ts';

/** Who is acting: a signed-in user, or the local CLI running as the built-in admin. */
export type Actor = { id: string | null; username: string; role: Role; unitId: number; ip?: string | null };

export const SYSTEM_ACTOR: Actor = { id: null, username: 'system', role: 'admin', unitId: 0 };
