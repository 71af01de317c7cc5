// The grid's V and S keys: open a picker for the selected media (after G: their whole near-duplicate groups) and
// attach them to a victim or series of the case, or to a new one. The grid's status line says what happened.
import { useEffect, useRef, useState } from 'react';
import type { Media } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../ui/bits.tsx';
import { boardApi, type SubjectKind, type SubjectView } from './api.ts';

type Deps = {
  caseId: string;
  canWrite: boolean;
  selectedMedia: () => Media[];
  setMessage: (m: string) => void;
  refocus: () => void;
};

export type PickerState = { kind: SubjectKind; group: boolean; items: Media[] };

/** Whole groups by number (ungrouped media by hash) or the media themselves. */
function attachBody(items: Media[], group: boolean) {
  if (!group) return { sha256s: items.map((m) => m.sha256) };
  const nearGroups = [...new Set(items.flatMap((m) => (m.nearGroup === null ? [] : [m.nearGroup])))];
  const loose = items.filter((m) => m.nearGroup === null).map((m) => m.sha256);
  return { ...(nearGroups.length ? { nearGroups } : {}), ...(loose.length ? { sha256s: loose } : {}) };
}

export function useSubjectPicker({ caseId, canWrite, selectedMedia, setMessage, refocus }: Deps) {
  const { t } = useI18n();
  const [state, setState] = useState<PickerState | null>(null);

  const open = (kind: SubjectKind, group: boolean) => {
    if (!canWrite) return setMessage(t('grid.readOnly'));
    const items = selectedMedia();
    if (items.length === 0) return setMessage(t('picker.nothing'));
    setState({ kind, group, items });
  };
  const close = () => setState(null);
  // Back to the grid once the dialog is gone: while it is open the grid is inert and cannot take focus.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (state) wasOpen.current = true;
    else if (wasOpen.current) {
      wasOpen.current = false;
      refocus();
    }
  }, [state, refocus]);
  const attachTo = async (subject: SubjectView) => {
    if (!state) return;
    try {
      const { changed } = await boardApi.attach(caseId, subject.kind, subject.id, attachBody(state.items, state.group));
      setMessage(t('picker.attached', { n: changed, label: subject.label }));
    } catch (error) {
      setMessage(errorText(error, t));
    }
    close();
  };
  const createAndAttach = async (label: string) => {
    if (!state) return;
    try {
      await attachTo(await boardApi.createSubject(caseId, state.kind, { label }));
    } catch (error) {
      setMessage(errorText(error, t));
      close();
    }
  };
  return { state, open, close, attachTo, createAndAttach };
}

export type SubjectPickerModel = ReturnType<typeof useSubjectPicker>;
