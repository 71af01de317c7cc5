// Administrators: the public-selector list (add, remove; never links) and hubs held for review (public/offender).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Status } from '../../ui/bits.tsx';
import { reportsApi, type HubView, type PublicSelectorView } from './api.ts';

function useSelectorLists() {
  const [list, setList] = useState<PublicSelectorView[]>([]);
  const [hubs, setHubs] = useState<HubView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const [p, h] = await Promise.all([reportsApi.publicList(), reportsApi.hubs()]);
      setList(p.selectors);
      setHubs(h.hubs.filter((x) => x.state === 'review'));
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => void load(), [load]);
  const act = async (work: () => Promise<string>) => {
    setError(null);
    try {
      setMessage(await work());
      await load();
    } catch (e) {
      setError(e);
    }
  };
  return { list, hubs, error, message, act };
}

function AddForm({ onAdd }: { onAdd: (selector: string, note: string) => void }) {
  const { t } = useI18n();
  const [selector, setSelector] = useState('');
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onAdd(selector.trim(), note.trim());
    setSelector('');
    setNote('');
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label>
        {t('selectors.add')}
        <input value={selector} onChange={(e) => setSelector(e.target.value)} required className="mono" />
      </label>
      <label className="grow">
        {t('selectors.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
      </label>
      <button type="submit" className="primary">
        {t('selectors.addButton')}
      </button>
    </form>
  );
}

function HubsTable({ hubs, decide }: { hubs: HubView[]; decide: (h: HubView, s: 'public' | 'offender') => void }) {
  const { t } = useI18n();
  if (hubs.length === 0) return <p className="muted">{t('selectors.hubs.empty')}</p>;
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th>{t('report.sel.type')}</th>
          <th>{t('report.sel.value')}</th>
          <th>{t('selectors.hubs.reports')}</th>
          <th>{t('selectors.hubs.units')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {hubs.map((h) => (
          <tr key={`${h.type}:${h.value}`}>
            <td>{h.type}</td>
            <td className="mono">{h.value}</td>
            <td className="num">{h.reports}</td>
            <td className="num">{h.units}</td>
            <td>
              <button type="button" onClick={() => decide(h, 'public')}>
                {t('selectors.hubs.public', { value: h.value })}
              </button>{' '}
              <button type="button" onClick={() => decide(h, 'offender')}>
                {t('selectors.hubs.offender', { value: h.value })}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PublicTable({ list, remove }: { list: PublicSelectorView[]; remove: (p: PublicSelectorView) => void }) {
  const { t } = useI18n();
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th>{t('report.sel.type')}</th>
          <th>{t('report.sel.value')}</th>
          <th>{t('selectors.note')}</th>
          <th>{t('selectors.addedBy')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {list.map((p) => (
          <tr key={`${p.type}:${p.value}`}>
            <td>{p.type}</td>
            <td className="mono">{p.value}</td>
            <td>{p.note}</td>
            <td>{p.addedBy}</td>
            <td>
              <button type="button" onClick={() => remove(p)} aria-label={t('selectors.remove', { value: p.value })}>
                ✕
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SelectorsAdminPage() {
  const { t } = useI18n();
  const { list, hubs, error, message, act } = useSelectorLists();
  const changed = (r: { value: string; links: number }) => t('selectors.changed', { value: r.value, links: r.links });
  return (
    <main className="page">
      <h1>{t('selectors.title')}</h1>
      {message && <Status tone="ok">{message}</Status>}
      <ErrorNote error={error} />
      <h2>{t('selectors.hubs')}</h2>
      <p className="hint">{t('selectors.hubs.hint')}</p>
      <HubsTable
        hubs={hubs}
        decide={(h, s) => void act(async () => changed({ value: h.value, ...(await decideHub(h, s)) }))}
      />
      <h2>{t('selectors.public')}</h2>
      <p className="hint">{t('selectors.public.hint')}</p>
      <AddForm onAdd={(sel, note) => void act(async () => changed(await reportsApi.addPublic(sel, note)))} />
      <PublicTable
        list={list}
        remove={(p) => void act(async () => changed(await reportsApi.removePublic(p.type, p.value)))}
      />
    </main>
  );
}

async function decideHub(h: HubView, state: 'public' | 'offender') {
  const r = await reportsApi.decideHub(h.type, h.value, state);
  return { links: r.linked + r.unlinked };
}
