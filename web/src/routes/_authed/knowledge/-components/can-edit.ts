import { useSuspenseQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLE_RANK } from '../../../../../../shared/enums';
import { trpc } from '../../../../lib/trpc';

/** Supervisors and admins write the knowledge base; agents read it (the router says the same). */
export function useCanEditKnowledge(): boolean {
  const { data: me } = useSuspenseQuery(trpc.auth.me.queryOptions());
  return ROLE_RANK[me.role] >= ROLE_RANK.supervisor;
}

/** An article's language (its search dictionary); each is named by `knowledge:languages.<value>`. */
export const LANGUAGES = ['en', 'pt', 'es', 'other'] as const;

export type Language = (typeof LANGUAGES)[number];

const isLanguage = (value: string): value is Language =>
  (LANGUAGES as readonly string[]).includes(value);

/** A language's name in the console's language, or the stored value when it is none of ours. */
export function useLanguageLabel(): (value: string) => string {
  const { t } = useTranslation('knowledge');
  return (value) => (isLanguage(value) ? t(`languages.${value}`) : value);
}
