import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isLocale, LOCALE_NAMES, LOCALES, matchLocale } from '../../../shared/i18n/locales';
import { applyUserLocale } from '../lib/i18n';
import { trpc } from '../lib/trpc';
import { SelectField } from './form-controls';

/** The signed-in user's console language, kept on the server (null: the browser's). */
export function LanguageSelect({ chosen }: { chosen: string | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.auth.setLocale.mutationOptions({
      onSuccess: async (user) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        await applyUserLocale(user.locale);
      },
    }),
  );
  const browser = LOCALE_NAMES[matchLocale(navigator.languages ?? [navigator.language])];
  return (
    <SelectField
      label={t('language.label')}
      hint={t('language.intro')}
      value={chosen ?? ''}
      disabled={save.isPending}
      onChange={(e) => {
        const value = e.currentTarget.value;
        save.mutate({ locale: isLocale(value) ? value : null });
      }}
    >
      <option value="">{t('language.browser', { language: browser })}</option>
      {LOCALES.map((locale) => (
        <option key={locale} value={locale} lang={locale}>
          {LOCALE_NAMES[locale]}
        </option>
      ))}
    </SelectField>
  );
}
