// The media grid screen: filters, the virtualised grid with its keyboard model, reveal mode, the
// detail panel and the help overlay. Categorisations persist at once and can be undone.
import type { Case } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { SubjectPicker } from '../board/SubjectPicker.tsx';
import { FilterBar } from './FilterBar.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { useWorkbench } from './useWorkbench.ts';
import { WorkbenchDetail, WorkbenchGrid, WorkbenchToolbar } from './WorkbenchParts.tsx';

export function MediaWorkbench({ kase, onChanged }: { kase: Case; onChanged: () => void }) {
  const { t } = useI18n();
  const wb = useWorkbench(kase, onChanged);
  const { pager, panels } = wb;
  const count = pager.count;

  return (
    <section className="workbench" aria-labelledby="grid-title">
      <h2 id="grid-title" className="sr-only">
        {t('case.tab.media')}
      </h2>
      <FilterBar caseId={kase.id} value={wb.gq} onChange={wb.setQuery} searchRef={wb.searchRef} onLeave={wb.refocus} />
      {wb.actions.revealed.size > 0 && (
        <p className="reveal-banner" role="status">
          <span aria-hidden="true">◉</span> {t('grid.revealMode')}
        </p>
      )}
      <WorkbenchToolbar wb={wb} />
      <ErrorNote error={pager.error} onRetry={() => pager.retry()} />
      {pager.complete && count === 0 && <p className="empty">{t('grid.empty')}</p>}
      <div className="workbench-body">
        <WorkbenchGrid wb={wb} caseId={kase.id} />
        {panels.detailOpen && <WorkbenchDetail wb={wb} caseId={kase.id} />}
      </div>
      {wb.picker.state && <SubjectPicker caseId={kase.id} picker={wb.picker} />}
      {panels.help && (
        <HelpOverlay
          onClose={() => {
            panels.setHelp(false);
            wb.refocus();
          }}
        />
      )}
    </section>
  );
}
