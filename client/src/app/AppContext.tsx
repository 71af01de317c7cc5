// The signed-in user, their wellness and language settings, and the category schemes.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { endpoints } from '../api/endpoints.ts';
import type { Schemes, Settings, User } from '../api/types.ts';
import type { Lang } from '../i18n/index.tsx';

const DEFAULT_SETTINGS: Settings = { language: 'nl', blur: 16, greyscale: true, thumbSize: 128 };

export function settingsOf(user: User | null): Settings {
  const s = (user?.settings ?? {}) as Partial<Settings>;
  return {
    language: s.language === 'en' ? 'en' : 'nl',
    blur: typeof s.blur === 'number' ? s.blur : DEFAULT_SETTINGS.blur,
    greyscale: typeof s.greyscale === 'boolean' ? s.greyscale : DEFAULT_SETTINGS.greyscale,
    thumbSize: typeof s.thumbSize === 'number' ? s.thumbSize : DEFAULT_SETTINGS.thumbSize,
  };
}

export type CategoryDef = Schemes['schemes'][number]['categories'][number];
export type SchemeDef = Schemes['schemes'][number];

type AppState = {
  user: User;
  settings: Settings;
  saveSettings: (patch: Partial<Settings>) => Promise<void>;
  schemes: SchemeDef[];
  scheme: SchemeDef | null;
  setScheme: (id: string) => void;
  signOut: () => Promise<void>;
};

const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside AppProvider');
  return ctx;
}

/** The label of a category value in the analyst's language, e.g. "1 Kindermisbruikmateriaal". */
export function categoryLabel(
  scheme: SchemeDef | null,
  value: string | null,
  lang: Lang,
): { key: string; label: string; def: CategoryDef | null } {
  const def = scheme?.categories.find((c) => c.value === value) ?? null;
  return { key: def?.key ?? value ?? '', label: def ? def[lang] : (value ?? ''), def };
}

export function AppProvider({
  user,
  onUser,
  onSignOut,
  children,
}: {
  user: User;
  onUser: (u: User) => void;
  onSignOut: () => Promise<void>;
  children: ReactNode;
}) {
  const [schemes, setSchemes] = useState<Schemes | null>(null);
  const [schemeId, setSchemeId] = useState<string | null>(() => localStorage.getItem('spoor.scheme'));
  useEffect(() => {
    endpoints.categories().then(setSchemes, () => setSchemes(null));
  }, []);
  const saveSettings = useCallback(
    async (patch: Partial<Settings>) => {
      onUser((await endpoints.saveSettings(patch)).user);
    },
    [onUser],
  );
  const setScheme = useCallback((id: string) => {
    localStorage.setItem('spoor.scheme', id);
    setSchemeId(id);
  }, []);
  const value = useMemo<AppState>(() => {
    const list = schemes?.schemes ?? [];
    const scheme = list.find((s) => s.id === schemeId) ?? list.find((s) => s.id === schemes?.default) ?? null;
    return { user, settings: settingsOf(user), saveSettings, schemes: list, scheme, setScheme, signOut: onSignOut };
  }, [user, schemes, schemeId, saveSettings, setScheme, onSignOut]);
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}
