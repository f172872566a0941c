import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../../../../components/form-controls';
import { useRefresh } from '../../../../../components/use-refresh';
import { errorMessage } from '../../../../../lib/errors';
import { trpc } from '../../../../../lib/trpc';

/** Whether publishing the chatbot's flow must pass the suite first (admins set it). */
export function PublishGate({ chatbotId, editable }: { chatbotId: string; editable: boolean }) {
  const { t } = useTranslation('botTests');
  const { data: settings } = useSuspenseQuery(trpc.botTests.settings.queryOptions({ chatbotId }));
  const refresh = useRefresh(trpc.botTests.settings.queryFilter({ chatbotId }));
  const update = useMutation(trpc.botTests.updateSettings.mutationOptions(refresh));
  // The box shows what was asked for until the server's answer is read back.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const checked = wanted ?? settings.requireTestsToPublish;
  return (
    <CheckboxField
      label={t('gate.label')}
      name="requireTestsToPublish"
      checked={checked}
      disabled={!editable || update.isPending}
      hint={editable ? undefined : t('gate.adminsOnly')}
      error={update.error ? errorMessage(update.error) : undefined}
      onChange={(e) => {
        const requireTestsToPublish = e.currentTarget.checked;
        setWanted(requireTestsToPublish);
        update.mutate({ chatbotId, requireTestsToPublish }, { onSettled: () => setWanted(null) });
      }}
    />
  );
}
