// The dossier's first sections: cover, summary (figures that reconcile), evidence with its chain of custody,
// victims, series and cross-case links (hit/no-hit), and the audit anchor. Dutch, as the prosecutor reads it.
import type { AuditRow } from '../../../storage/repositories/audit.repository.ts';
import type { DossierFacts } from '../facts.ts';
import { categoryKey } from '../items-csv.ts';
import { nlNumber as n, utc, type DossierPdf } from './pdf-doc.ts';

export function categoryLabel(f: DossierFacts, scheme: string, category: string): string {
  const s = f.labels.find((l) => l.id === scheme);
  const label = s?.categories.find((c) => c.value === category)?.nl;
  return `${categoryKey(scheme, category)} — ${label ?? 'onbekende categorie'} (${s?.nl ?? scheme})`;
}

const person = (m: DossierFacts['members'][number]) => `${m.display_name} (${m.username})`;

export function writeCover(pdf: DossierPdf, f: DossierFacts, annex: boolean): void {
  pdf.newPage();
  pdf.doc.moveDown(4).font('bold').fontSize(22).text('Dossier voor het Openbaar Ministerie', { align: 'left' });
  pdf.doc.moveDown(1);
  pdf.row('Zaaknummer', f.case.number, 12);
  pdf.row('Titel', f.case.title, 12);
  pdf.row('Eenheid', f.case.unit_name, 12);
  const ovj = f.members.filter((m) => m.role === 'prosecutor').map(person);
  pdf.row('Officier van justitie', ovj.length ? ovj.join(', ') : '(geen officier lid van de zaak)', 12);
  const analysts = f.members.filter((m) => m.role === 'analyst' || m.role === 'lead').map(person);
  pdf.row('Analisten', analysts.length ? analysts.join(', ') : '(geen)', 12);
  pdf.row('Stand per', utc(f.asOf), 12);
  pdf.row(
    'Bijlage met afbeeldingen',
    annex ? 'JA — zie de bijlage achteraan' : 'nee: dit dossier bevat geen beeld',
    12,
  );
  pdf.doc.moveDown(2);
  pdf.para(
    'Dit dossier is gemaakt door Spoor uit de gegevens van de zaak zoals die waren op het moment "stand per" ' +
      '(de laatste vastgelegde wijziging). Opnieuw maken zonder wijzigingen geeft dezelfde bestanden, byte voor byte. ' +
      'Elk bestand staat in manifest.sha256 (controle: sha256sum -c manifest.sha256); manifest.sig is een ' +
      'Ed25519-handtekening over dat manifest met de dossiersleutel van de eenheid.',
  );
  pdf.doc.moveDown(1);
  pdf.row('Dossiersleutel (SHA-256)', f.key.fingerprint, 8);
  pdf.para(f.key.publicKeyPem.trim(), 'mono', 8);
}

export function writeSummary(pdf: DossierPdf, f: DossierFacts): void {
  pdf.newPage();
  pdf.heading('Samenvatting');
  const t = f.totals;
  pdf.row('Bestanden totaal', n(t.files));
  pdf.row('Unieke inhoud', n(t.unique));
  pdf.row('Waarvan afbeeldingen (bestanden)', n(t.images));
  if (t.videos > 0) pdf.row("Waarvan video's (bestanden)", n(t.videos));
  pdf.heading('Per categorie', 11);
  for (const r of f.categories) {
    const how =
      r.source === 'hashset'
        ? `bekend uit hashset ${r.set_name ?? '?'} versie ${r.set_version ?? '?'}`
        : 'nieuw gecategoriseerd';
    pdf.row(`${categoryLabel(f, r.scheme, r.category)}`, `${how}: ${n(r.unique)} uniek, ${n(r.files)} bestanden`);
  }
  pdf.row('', '', 9, "waarvan video's");
  for (const [key, c] of Object.entries(f.counts.byCategory)) {
    const value = `${n(c.unique)} uniek, ${n(c.files)} bestanden, waarvan ${n(c.known)} bekend`;
    pdf.row(`Categorie ${key} totaal`, value, 9, n(c.videos));
  }
  pdf.row('Niet gecategoriseerd (bestanden)', n(t.uncategorised), 9, n(f.counts.uncategorisedVideos));
  pdf.row('Niet verwerkbaar (bestanden)', n(t.errors));
  for (const r of f.errorReasons) pdf.row(`  reden: ${r.reason}`, `${n(r.files)} bestanden`);
  const categorised = Object.values(f.counts.byCategory).reduce((s, c) => s + c.files, 0);
  pdf.doc.moveDown(0.5);
  pdf.para(
    `Controle: ${n(categorised)} gecategoriseerd + ${n(t.uncategorised)} niet gecategoriseerd + ` +
      `${n(t.errors)} niet verwerkbaar = ${n(categorised + t.uncategorised + t.errors)} van ${n(t.files)} bestanden.`,
    'bold',
  );
}

const custodyLine = (a: AuditRow) =>
  `${utc(new Date(a.at))}  ${a.action}  door ${a.actor_name}  ${JSON.stringify(a.details)}  [${a.hash.slice(0, 16)}…]`;

export function writeEvidence(pdf: DossierPdf, f: DossierFacts): void {
  pdf.newPage();
  pdf.heading('Bewijsstukken en keten van bewaring');
  for (const e of f.evidence) {
    pdf.heading(e.original_name, 10);
    pdf.row('SHA-256', e.sha256, 8);
    pdf.row('Grootte', `${n(e.size)} bytes (${e.kind === 'folder' ? 'map' : 'bestand'})`, 8);
    pdf.row('Geüpload door / op', `${e.uploaded_by_name} / ${utc(new Date(e.uploaded_at))}`, 8);
    pdf.row('Status', e.error ? `${e.status}: ${e.error}` : e.status, 8);
    pdf.row('Bestanden', n(e.files), 8);
    const checks = e.custody.filter((a) => a.action === 'evidence.verify');
    const results = checks.map((a) => `${utc(new Date(a.at))}: ${a.details.ok ? 'hash klopt' : 'HASH WIJKT AF'}`);
    pdf.row('Controles van de hash', results.length ? results.join('; ') : 'geen controle vastgelegd', 8);
    for (const a of e.custody) pdf.para(custodyLine(a), 'mono', 6.5);
  }
}

export function writeLinks(pdf: DossierPdf, f: DossierFacts): void {
  pdf.heading('Slachtoffers, series en koppelingen met andere zaken');
  if (f.subjects.length === 0) pdf.para('Geen slachtoffers of series vastgelegd in deze zaak.');
  for (const s of f.subjects) {
    const what = s.kind === 'victim' ? 'Slachtoffer' : 'Serie';
    const identified = s.kind === 'victim' ? (s.identified ? 'geïdentificeerd' : 'niet geïdentificeerd') : '';
    pdf.row(`${what} ${s.label}`, [`${n(s.contents)} unieke inhoud`, identified].filter(Boolean).join(', '));
  }
  if (f.series.length === 0) pdf.para('Geen series bekend uit hashsets of categorisering.');
  for (const s of f.series) {
    pdf.row(
      `Serie ${s.series}`,
      `${n(s.contents)} uniek, ${n(s.files)} bestanden, slachtoffer geïdentificeerd bij ${n(s.victim_identified)}`,
    );
  }
  pdf.doc.moveDown(0.5);
  pdf.para('Andere zaken met dezelfde of gelijkende inhoud (hit/geen hit: alleen nummer, eenheid, contact en aantal):');
  if (f.crossCase.length === 0) pdf.para('Geen koppelingen met andere zaken.');
  for (const l of f.crossCase) {
    const contact = l.contact ?? 'geen contact bekend';
    pdf.row(
      `Zaak ${l.number}`,
      `${l.unit_name}; contact ${contact}; ${n(l.contents)} gedeelde inhoud${l.exact ? ' (exact)' : ''}`,
    );
  }
}

export function writeAuditAnchor(pdf: DossierPdf, f: DossierFacts): void {
  pdf.heading('Auditlog');
  const head = f.anchor ? `regel ${f.anchor.id}, hash ${f.anchor.hash}` : '(leeg)';
  pdf.row('Kop van de auditketen per "stand per"', head, 8);
  pdf.para('Uittreksel: alle auditregels van deze zaak tot en met die kop.', 'sans', 8);
}

export const auditLine = custodyLine;
