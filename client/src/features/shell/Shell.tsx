// The frame: navigation, the signed-in analyst, settings, and the screen for the current route.
import { useEffect, useState } from 'react';
import { useApp } from '../../app/AppContext.tsx';
import { Link, match, navigate, useLocation } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { BoardPage } from '../board/BoardPage.tsx';
import { CasePage, type CaseTab } from '../cases/CasePage.tsx';
import { CasesPage } from '../cases/CasesPage.tsx';
import { HashSetsPage } from '../hashsets/HashSetsPage.tsx';
import { LookupPage } from '../lookup/LookupPage.tsx';
import { ReportsNav, reportsScreen } from '../reports/routes.tsx';
import { SettingsDialog } from '../settings/SettingsDialog.tsx';

const TABS: CaseTab[] = ['intake', 'media', 'groups', 'members', 'audit', 'dossier'];

function Screen() {
  const { path } = useLocation();
  const { t } = useI18n();
  useEffect(() => {
    if (path === '/' || path === '') navigate('/cases', { replace: true });
  }, [path]);
  if (match('/cases', path)) return <CasesPage />;
  const board = match('/cases/:id/board', path);
  if (board) return <BoardPage key={board.id} caseId={board.id!} />;
  const tab = match('/cases/:id/:tab', path);
  if (tab && TABS.includes(tab.tab as CaseTab))
    return <CasePage key={tab.id} caseId={tab.id!} tab={tab.tab as CaseTab} />;
  const home = match('/cases/:id', path);
  if (home) return <CasePage key={home.id} caseId={home.id!} tab="intake" />;
  if (match('/lookup', path)) return <LookupPage />;
  if (match('/hashsets', path)) return <HashSetsPage />;
  const reports = reportsScreen(path);
  if (reports) return reports;
  return (
    <main className="page">
      <h1>{t('notFound.title')}</h1>
      <p>
        {t('notFound.body')} <Link to="/cases">{t('nav.cases')}</Link>
      </p>
    </main>
  );
}

export function Shell() {
  const { user, settings, saveSettings, signOut } = useApp();
  const { t } = useI18n();
  const { path } = useLocation();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const current = (prefix: string) => (path.startsWith(prefix) ? 'page' : undefined);
  const other = settings.language === 'nl' ? 'en' : 'nl';

  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          ◈ Spoor
        </span>
        <nav aria-label={t('nav.label')}>
          <Link to="/cases" aria-current={current('/cases')}>
            {t('nav.cases')}
          </Link>
          <Link to="/lookup" aria-current={current('/lookup')}>
            {t('nav.lookup')}
          </Link>
          <Link to="/hashsets" aria-current={current('/hashsets')}>
            {t('nav.hashsets')}
          </Link>
          <ReportsNav role={user.role} current={current} />
        </nav>
        <span className="spacer" />
        <span className="who">
          {t('shell.signedInAs', { name: user.displayName, role: t(`role.${user.role}`), unit: user.unit })}
        </span>
        <button type="button" onClick={() => void saveSettings({ language: other })} lang={other}>
          {t('settings.language.switchTo')}
        </button>
        <button type="button" onClick={() => setSettingsOpen(true)}>
          ⚙ {t('settings.open')}
        </button>
        <button type="button" onClick={() => void signOut()}>
          {t('shell.signOut')}
        </button>
      </header>
      <div id="main" className="main">
        <Screen />
      </div>
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
    </>
  );
}
