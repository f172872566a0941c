import { useSuspenseQuery } from '@tanstack/react-query';
import { ROLE_RANK } from '../../../../../../shared/enums';
import { trpc } from '../../../../lib/trpc';

/** Supervisors and admins write the knowledge base; agents read it (the router says the same). */
export function useCanEditKnowledge(): boolean {
  const { data: me } = useSuspenseQuery(trpc.auth.me.queryOptions());
  return ROLE_RANK[me.role] >= ROLE_RANK.supervisor;
}

export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'pt', label: 'Portuguese' },
  { value: 'es', label: 'Spanish' },
  { value: 'other', label: 'Other' },
] as const;

export type Language = (typeof LANGUAGES)[number]['value'];

export const languageLabel = (value: string) =>
  LANGUAGES.find((l) => l.value === value)?.label ?? value;
