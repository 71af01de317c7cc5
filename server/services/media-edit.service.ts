// The analyst's changes to media: categories (one by one, by near-duplicate group, or undone) and notes.
import { inTransaction } from '../../storage/db.ts';
import { mediaRepo, type ChangeRow } from '../../storage/repositories/media.repository.ts';
import { BadInput, NotFound } from '../errors.ts';
import type { CategoriseResult } from '../schemas/media.ts';
import type { Actor } from './actor.ts';
import { DEFAULT_SCHEME, assertCategory } from './categories.ts';
import { openMedia, type MediaDeps } from './media-deps.ts';

type CategoryInput = {
  category: string | null;
  scheme?: string;
  nearGroup?: number;
  nearGroups?: number[];
  undo?: boolean;
};

/** How many of the changed items had each previous category ('none' = uncategorised). */
function tally(changed: ChangeRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of changed) out[r.previous_category ?? 'none'] = (out[r.previous_category ?? 'none'] ?? 0) + 1;
  return out;
}

/** The near group(s) a change came from, kept in the provenance and the audit entry. */
const groupsOf = (input: CategoryInput) =>
  input.nearGroups
    ? { nearGroups: input.nearGroups }
    : input.nearGroup !== undefined
      ? { nearGroup: input.nearGroup }
      : {};

/** Sets the category of every hash, all or nothing, with one audit entry that can undo it. */
async function applyCategory(
  d: MediaDeps,
  actor: Actor,
  caseId: string,
  shas: string[],
  input: CategoryInput,
): Promise<CategoriseResult> {
  const scheme = input.scheme ?? DEFAULT_SCHEME;
  assertCategory(scheme, input.category);
  const unique = [...new Set(shas)];
  const groups = groupsOf(input);
  const provenance = { by: actor.username, at: new Date().toISOString(), ...groups };
  return inTransaction(d.pool, async (tx) => {
    const changed = await mediaRepo(tx).categorise(caseId, unique, {
      category: input.category,
      scheme,
      provenance,
      by: actor.id,
    });
    if (changed.length !== unique.length) {
      throw new NotFound(
        `${unique.length - changed.length} of the ${unique.length} hashes are not part of this case; nothing was changed. Reload the grid and try again.`,
      );
    }
    const details = {
      category: input.category,
      scheme,
      count: unique.length,
      sha256s: unique,
      previous: tally(changed),
      ...groups,
      ...(input.undo ? { undo: true } : {}),
    };
    const auditId = await d.audit.record(
      actor,
      { action: 'media.categorise', targetType: 'media', caseId, details },
      tx,
    );
    const previous = changed.map((r) => ({
      sha256: r.sha256,
      previousCategory: r.previous_category,
      previousSource: r.previous_source,
    }));
    return { category: input.category, scheme, auditId, changed: previous };
  });
}

export function mediaEditService(d: MediaDeps) {
  const { cases, audit } = d;
  return {
    async categorise(
      actor: Actor,
      caseId: string,
      input: { sha256s: string[]; category: string | null; scheme?: string; undo?: boolean },
    ) {
      const c = await cases.open(actor, { id: caseId }, 'write');
      return applyCategory(d, actor, c.id, input.sha256s, input);
    },

    async categoriseGroup(
      actor: Actor,
      caseId: string,
      input: { nearGroup?: number; nearGroups?: number[]; category: string | null; scheme?: string },
    ) {
      const c = await cases.open(actor, { id: caseId }, 'write');
      const wanted = [...new Set(input.nearGroups ?? (input.nearGroup === undefined ? [] : [input.nearGroup]))];
      if (wanted.length === 0) throw new BadInput('Give nearGroup (one group) or nearGroups (a list of groups).');
      const members = await d.repo.groupMembers(c.id, wanted);
      const found = new Set(members.map((m) => Number(m.group_id)));
      const missing = wanted.filter((g) => !found.has(g));
      if (missing.length > 0)
        throw new NotFound(
          `There is no near-duplicate group ${missing.slice(0, 10).join(', ')} in this case. Reload the groups and try again.`,
        );
      const groups = wanted.length === 1 ? { nearGroup: wanted[0] } : { nearGroups: wanted };
      return applyCategory(
        d,
        actor,
        c.id,
        members.map((m) => m.blob_sha256),
        { category: input.category, scheme: input.scheme, ...groups },
      );
    },

    async setNotes(actor: Actor, caseId: string, sha256: string, notes: string) {
      const { c } = await openMedia(d, actor, caseId, sha256, 'write');
      const value = notes.trim() ? notes : null;
      await inTransaction(d.pool, async (tx) => {
        await mediaRepo(tx).setNotes(c.id, sha256, value);
        await audit.record(
          actor,
          {
            action: 'media.notes',
            targetType: 'media',
            targetId: sha256,
            caseId: c.id,
            details: { notes: value?.slice(0, 2000) ?? null, length: value?.length ?? 0 },
          },
          tx,
        );
      });
      return { sha256, notes: value };
    },
  };
}
