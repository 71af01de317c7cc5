// "?": every key of the grid, and which digit is which category in the active scheme.
import { useApp } from '../../app/AppContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { KEY_HELP } from './keymap.ts';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const { scheme } = useApp();
  return (
    <Dialog title={t('help.title')} onClose={onClose} wide>
      <div className="help">
        <table className="table compact">
          <caption>{t('help.keysCaption')}</caption>
          <tbody>
            {KEY_HELP.map(([key, what]) => (
              <tr key={key}>
                <th scope="row">
                  <kbd>{t(key)}</kbd>
                </th>
                <td>{t(what)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="table compact">
          <caption>{t('help.categoriesCaption', { scheme: scheme?.[lang] ?? '' })}</caption>
          <tbody>
            {scheme?.categories.map((c) => (
              <tr key={c.value}>
                <th scope="row">
                  <kbd>{c.key}</kbd>
                </th>
                <td>{c[lang]}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">
                <kbd>x</kbd>
              </th>
              <td>{t('category.none')}</td>
            </tr>
          </tbody>
        </table>
        <p className="hint">{t('help.groupHint')}</p>
      </div>
    </Dialog>
  );
}
