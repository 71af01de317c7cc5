// Text in case media: full-text search within a case, one content's recognised text with its word boxes, and the
// cross-case "has this text been seen?" lookup (hit/no-hit for cases the actor may not open). All audited.
import type { Pool } from '../../storage/db.ts';
import { caseTextRepo } from '../../storage/repositories/case-text.repository.ts';
import { mediaRepo } from '../../storage/repositories/media.repository.ts';
import { ocrResultsRepo } from '../../storage/repositories/ocr-results.repository.ts';
import { BadInput, NotFound } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';
import type { Disclosure, OwnerRef } from './disclosure.ts';
import { noMediaTextForProsecutors } from './media-text-access.ts';

const MAX_QUERY = 200;
const MAX_LOOKUP_CASES = 200;
const LOOKUP_SAMPLE = 5;

type Deps = { pool: Pool; cases: CasesService; audit: AuditService; disclosure: Disclosure };
type TextStatus = 'pending' | 'done' | 'no-text' | 'failed';
type Word = { text: string; confidence: number; box: { x0: number; y0: number; x1: number; y1: number } };
export type TextHit = {
  case: OwnerRef;
  count: number;
  matches: Array<{ sha256: string; path: string; snippet: string }>;
};

function cleanQuery(q: string | undefined): string {
  const text = (q ?? '').trim();
  if (text.length === 0 || text.length > MAX_QUERY) {
    throw new BadInput({
      nl: `Geef een zoektekst van 1 tot ${MAX_QUERY} tekens, bijvoorbeeld een naam op een bord of een woord uit een chat.`,
      en: `Give a search text of 1 to ${MAX_QUERY} characters, for example a name on a sign or a word from a chat.`,
    });
  }
  return text;
}

const notInCase = () =>
  new NotFound({
    nl: 'Deze inhoud hoort niet bij de zaak. Controleer de hash of laad het overzicht opnieuw.',
    en: 'This content is not part of the case. Check the hash, or reload the grid.',
  });

/** Marks the words whose Dutch or English lexemes meet the query's, so the panel can box them. */
async function markMatches(pool: Pool, lines: Array<{ text: string; words: Word[] }>, q: string) {
  const repo = caseTextRepo(pool);
  const [wanted] = await repo.lexemes([q]);
  const want = new Set(wanted);
  const words = lines.flatMap((l) => l.words);
  const lexemes = await repo.lexemes(words.map((w) => w.text));
  let i = 0;
  return lines.map((l) => ({
    text: l.text,
    words: l.words.map((w) => ({ ...w, match: lexemes[i++]!.some((x) => want.has(x)) })),
  }));
}

export function caseTextService(d: Deps) {
  const repo = caseTextRepo(d.pool);

  return {
    async search(actor: Actor, caseId: string, query: { q?: string; limit?: number; cursor?: string }) {
      const c = await d.cases.open(actor, { id: caseId });
      noMediaTextForProsecutors(actor);
      const q = cleanQuery(query.q);
      const limit = query.limit ?? 50;
      const [matches, total] = await Promise.all([
        repo.search(c.id, q, query.cursor ?? '', limit),
        repo.searchCount(c.id, q),
      ]);
      await d.audit.record(actor, {
        action: 'case.text.search',
        targetType: 'case',
        caseId: c.id,
        details: { q, hits: total },
      });
      const next = matches.length === limit ? matches.at(-1)!.sha256 : null;
      return { matches, total, next };
    },

    /** One content's reading; with `q`, the words that match are marked. The view is audited. */
    async text(actor: Actor, caseId: string, sha256: string, q?: string) {
      const c = await d.cases.open(actor, { id: caseId });
      noMediaTextForProsecutors(actor);
      if (!(await mediaRepo(d.pool).inCase(c.id, sha256))) throw notInCase();
      const status: TextStatus = (await repo.caseStatus(c.id, sha256)) ?? 'pending';
      const reading = status === 'done' ? await ocrResultsRepo(d.pool).bySha(sha256) : null;
      const lines = reading ? reading.lines : [];
      await d.audit.record(actor, { action: 'media.text.view', targetType: 'media', targetId: sha256, caseId: c.id });
      return {
        status,
        text: reading?.text ?? '',
        lines: q?.trim() ? await markMatches(d.pool, lines, cleanQuery(q)) : lines,
        width: reading?.width ?? null,
        height: reading?.height ?? null,
      };
    },

    /** "Has this text been seen?" over every case; a case the actor may not open is number, unit, contact, count. */
    async lookup(actor: Actor, query: string): Promise<{ query: string; hits: TextHit[] }> {
      // Its answer quotes the text of the cases the actor may open.
      noMediaTextForProsecutors(actor);
      const q = cleanQuery(query);
      const found = await repo.casesWithText(q, MAX_LOOKUP_CASES);
      const refOf = d.disclosure.forActor(actor);
      const hits: TextHit[] = [];
      for (const f of found) {
        const ref = await refOf(f.case_id);
        const matches = ref.visible ? await repo.search(f.case_id, q, '', LOOKUP_SAMPLE) : [];
        hits.push({ case: ref.visible ? ref : { ...ref, matchCount: f.n }, count: f.n, matches });
      }
      await d.audit.record(actor, {
        action: 'lookup',
        targetType: 'lookup',
        details: { text: q, hits: hits.length, cases: hits.map((h) => h.case.number) },
      });
      return { query: q, hits };
    },
  };
}
