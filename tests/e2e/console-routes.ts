/** Every page of the console, for the checks that visit them all (audit, languages). */
export function consoleRoutes(ids: { conversationId: number; chatbotId: string }): string[] {
  return [
    '/inbox',
    `/inbox/${ids.conversationId}`,
    '/contacts',
    '/accounts',
    '/catalog',
    '/catalog/servers',
    '/tags',
    '/knowledge',
    '/knowledge/try',
    '/supervisor',
    '/supervisor/assignment',
    '/settings/chatbots',
    `/settings/chatbots/${ids.chatbotId}/flow`,
    `/settings/chatbots/${ids.chatbotId}/tests`,
    '/settings/integrations',
    '/settings/users',
    '/settings/api-keys',
    '/settings/canned-responses',
    '/settings/notifications',
  ];
}
