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

/** A file's bytes as base64, which the upload procedure takes (tRPC carries JSON). */
export async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode with millions of arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
