// The victim-identification board of one case: text found, devices, places and times, victims and series,
// suggestions and clue notes on one screen. Keyboard-first (1–6 jump to a section, / searches text); every image
// is the blurred greyscale rendition until it is revealed, one at a time, audited.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { Case } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { Link } from '../../app/router.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { ClueNotesSection } from './ClueNotesSection.tsx';
import { DevicesSection, PlacesSection, TextSection } from './ClueSections.tsx';
import { SubjectsSection } from './SubjectsSection.tsx';
import { SuggestionsSection } from './SuggestionsSection.tsx';
import { useSubjects } from './useSubjects.ts';
import './board.css';

const SECTIONS = ['text', 'devices', 'places', 'subjects', 'suggestions', 'clues'] as const;
type SectionName = (typeof SECTIONS)[number];
const TITLES: Record<SectionName, MessageKey> = {
  text: 'board.text.title',
  devices: 'board.devices.title',
  places: 'board.places.title',
  subjects: 'board.subjects.title',
  suggestions: 'board.suggestions.title',
  clues: 'board.clues.title',
};

type SectionProps = { name: SectionName; refs: Map<SectionName, HTMLElement>; wide?: boolean; children: ReactNode };

function Section({ name, refs, wide, children }: SectionProps) {
  const { t } = useI18n();
  const n = SECTIONS.indexOf(name) + 1;
  return (
    <section
      className={wide ? 'board-section wide' : 'board-section'}
      aria-labelledby={`board-${name}`}
      tabIndex={-1}
      ref={(el) => void (el ? refs.set(name, el) : refs.delete(name))}
    >
      <h2 id={`board-${name}`}>
        <kbd>{n}</kbd> {t(TITLES[name])}
      </h2>
      {children}
    </section>
  );
}

function NoTextForRole() {
  const { t } = useI18n();
  return <p className="muted">{t('board.text.prosecutor')}</p>;
}

const typing = (el: EventTarget | null) => el instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);

function BoardBody({ kase }: { kase: Case }) {
  const { user } = useApp();
  const refs = useRef(new Map<SectionName, HTMLElement>()).current;
  const searchRef = useRef<HTMLInputElement | null>(null);
  const subjects = useSubjects(kase.id);
  const common = { caseId: kase.id, canWrite: kase.access === 'write', showMedia: user.role !== 'prosecutor' };
  // On the window, so the keys work wherever focus rests on the page (also on the body after navigating here).
  useEffect(() => {
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      if (e.defaultPrevented || typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (document.querySelector('dialog[open]')) return;
      const n = /^Digit([1-6])$/.exec(e.code);
      if (n) refs.get(SECTIONS[Number(n[1]) - 1]!)?.focus();
      else if (e.key === '/') searchRef.current?.focus();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [refs]);
  return (
    <div className="board">
      <Section name="text" refs={refs}>
        {common.showMedia ? <TextSection caseId={kase.id} searchRef={searchRef} /> : <NoTextForRole />}
      </Section>
      <Section name="devices" refs={refs}>
        <DevicesSection caseId={kase.id} />
      </Section>
      <Section name="places" refs={refs}>
        <PlacesSection caseId={kase.id} />
      </Section>
      <Section name="subjects" refs={refs} wide>
        <SubjectsSection subjects={subjects} {...common} />
      </Section>
      <Section name="suggestions" refs={refs}>
        <SuggestionsSection caseId={kase.id} showMedia={common.showMedia} />
      </Section>
      <Section name="clues" refs={refs} wide>
        <ClueNotesSection {...common} />
      </Section>
    </div>
  );
}

export function BoardPage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [kase, setCase] = useState<Case | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    endpoints.case(caseId).then(setCase, setError);
  }, [caseId]);
  return (
    <main className="page">
      <header className="case-header">
        <h1>
          {t('board.title')} {kase && <span className="case-number">{kase.number}</span>}
        </h1>
        <p className="muted">
          <Link to={`/cases/${caseId}/media`}>{t('board.back')}</Link> · {t('board.hint')}
        </p>
      </header>
      <ErrorNote error={error} />
      {kase && <BoardBody kase={kase} />}
    </main>
  );
}
