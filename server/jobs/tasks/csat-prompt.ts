import type { Task } from 'graphile-worker';
import { tasks } from '../../queue/tasks';
import { sendSurveyPrompt } from '../../services/csat/prompt';

/** A WhatsApp conversation ended with its window open: the survey's list goes out (once). */
export const csatPrompt: Task = async (raw) => {
  const { conversationId } = tasks.csatPrompt.payload.parse(raw);
  await sendSurveyPrompt(conversationId);
};
