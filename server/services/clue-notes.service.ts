// Clue notes: an analyst's note pinned to a box on an image of the case (what to look at: a sign, a label).
// Listing, pinning and removing are audited.
import { inTransaction, type Pool } from '../../storage/db.ts';
import { clueNotesRepo } from '../../storage/repositories/clue-notes.repository.ts';
import { subjectsRepo } from '../../storage/repositories/subjects.repository.ts';
import { BadInput, NotFound } from '../errors.ts';
import { presentClueNote } from '../presenters/subjects.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';

type Deps = { pool: Pool; cases: CasesService; audit: AuditService };
type Box = { x: number; y: number; w: number; h: number };

const EPSILON = 1e-6;

function checkBox(box: Box): Box {
  if (box.x + box.w > 1 + EPSILON || box.y + box.h > 1 + EPSILON)
    throw new BadInput({
      nl: 'Het kader valt buiten de afbeelding. Teken het opnieuw binnen de afbeelding.',
      en: 'The box lies outside the image. Draw it again inside the image.',
    });
  return box;
}

export function clueNotesService({ pool, cases, audit }: Deps) {
  const repo = clueNotesRepo(pool);
  return {
    async list(actor: Actor, caseId: string, sha256: string | null) {
      const c = await cases.open(actor, { id: caseId });
      const notes = (await repo.list(c.id, sha256, 1000)).map(presentClueNote);
      const details = { count: notes.length, ...(sha256 ? { sha256 } : {}) };
      await audit.record(actor, {
        action: 'clue-note.list',
        targetType: 'case',
        targetId: c.number,
        caseId: c.id,
        details,
      });
      return { notes };
    },

    async create(actor: Actor, caseId: string, input: { sha256: string; box: Box; text: string }) {
      const c = await cases.open(actor, { id: caseId }, 'write');
      const text = input.text.trim();
      if (!text) throw new BadInput({ nl: 'Typ eerst de notitie.', en: 'Type the note first.' });
      if ((await subjectsRepo(pool).inCase(c.id, [input.sha256])).length === 0)
        throw new NotFound({
          nl: 'Dit bestand hoort niet bij de zaak. Controleer de hash of ververs het bord.',
          en: 'This content is not part of the case. Check the hash, or reload the board.',
        });
      const box = checkBox(input.box);
      return inTransaction(pool, async (tx) => {
        const row = await clueNotesRepo(tx).insert({
          caseId: c.id,
          sha256: input.sha256,
          box,
          text,
          by: actor.id,
          byName: actor.username,
        });
        const details = { sha256: input.sha256, box, text: text.slice(0, 2000) };
        await audit.record(
          actor,
          { action: 'clue-note.create', targetType: 'clue-note', targetId: String(row.id), caseId: c.id, details },
          tx,
        );
        return presentClueNote(row);
      });
    },

    async remove(actor: Actor, caseId: string, noteId: number) {
      const c = await cases.open(actor, { id: caseId }, 'write');
      await inTransaction(pool, async (tx) => {
        if ((await clueNotesRepo(tx).remove(c.id, noteId)) === 0)
          throw new NotFound({ nl: 'Deze notitie bestaat niet (meer).', en: 'This note does not exist (any more).' });
        await audit.record(
          actor,
          { action: 'clue-note.delete', targetType: 'clue-note', targetId: String(noteId), caseId: c.id },
          tx,
        );
      });
      return { ok: true };
    },
  };
}
