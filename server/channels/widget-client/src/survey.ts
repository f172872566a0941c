import { api, statusOf } from './http';
import { type MessageKey, t } from './i18n';
import { button, el } from './shell';

/** GET and POST /widget/survey/:conversationId (docs/api.md). */
interface Survey {
  conversationId: string;
  asked: boolean;
  rating: number | null;
  comment: string | null;
}

const RATINGS = [1, 2, 3, 4, 5] as const;
const COMMENT_MAX = 1000;
let surveys = 0;

/**
 * The rating the server asked of an ended conversation (issue 23's CSAT), in the end notice
 * before its "Start a new chat": the five buttons when the visitor has not rated yet; their
 * rating, its thank-you and the comment box when they rated but did not comment (a reload
 * between the two must not take the comment away); only the thank-you once they commented.
 * Nothing is shown when the survey is off or the server has none (an older server).
 */
export async function offerSurvey(conversationId: string, notice: HTMLElement, before: Node) {
  const survey = await api<Survey>('GET', `/widget/survey/${conversationId}`).catch(() => null);
  if (!survey?.asked || !notice.isConnected) return;
  const box =
    survey.rating === null || survey.comment === null
      ? surveyBox(conversationId, survey.rating)
      : thanked(conversationId);
  notice.insertBefore(box, before.isConnected ? before : null);
}

/** An answered survey: its thank-you alone. */
function thanked(conversationId: string): HTMLElement {
  const box = el('div', 'survey');
  box.dataset.survey = conversationId;
  const said = el('p', 'said', t('survey.thanks'));
  said.setAttribute('role', 'status');
  box.append(said);
  return box;
}

/**
 * Five buttons (1–5, each named with its meaning), posted at once; then an optional comment
 * with a Send button, posted with the rating again (a second POST replaces the first); a
 * thank-you after each. A 404/409 (not the visitor's any more, or nothing asked: reopened)
 * takes the survey away without a word; other failures say so and can be tried again.
 * `rated`: the rating the visitor gave before (a reload): shown chosen, the comment box open.
 */
function surveyBox(conversationId: string, rated: number | null): HTMLElement {
  const id = `support-inbox-survey-${++surveys}`;
  const box = el('div', 'survey');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-labelledby', `${id}-q`);
  box.dataset.survey = conversationId;
  const question = el('p', '', t('survey.question'));
  question.id = `${id}-q`;

  const scale = el('div', 'scale');
  const ends = el('div', 'ends');
  ends.setAttribute('aria-hidden', 'true');
  ends.append(el('span', '', t('survey.low')), el('span', '', t('survey.high')));
  const said = el('p', 'said');
  said.setAttribute('role', 'status');

  const form = el('form');
  form.hidden = true;
  const label = el('label', '', t('survey.comment'));
  label.htmlFor = `${id}-c`;
  const comment = el('textarea');
  comment.id = `${id}-c`;
  comment.maxLength = COMMENT_MAX;
  const sendComment = el('button', '', t('survey.send'));
  sendComment.type = 'submit';
  sendComment.setAttribute('aria-label', t('survey.sendLabel'));
  form.append(label, comment, sendComment);

  let rating: number | null = rated;
  const controls = () => [...scale.querySelectorAll('button'), sendComment];
  const post = async (body: { rating: number; comment?: string }, thanks: MessageKey) => {
    for (const b of controls()) b.disabled = true;
    try {
      await api<Survey>('POST', `/widget/survey/${conversationId}`, body);
      said.textContent = t(thanks);
      return true;
    } catch (err) {
      if ([404, 409].includes(statusOf(err))) box.remove();
      else said.textContent = t('survey.failed');
      return false;
    } finally {
      for (const b of controls()) b.disabled = false;
    }
  };

  for (const value of RATINGS) {
    const meaning = t(`survey.meaning${value}`);
    const choice = button(String(value), '', t('survey.rating', { rating: value, meaning }));
    choice.setAttribute('aria-pressed', String(value === rated));
    choice.onclick = async () => {
      if (!(await post({ rating: value }, 'survey.rated'))) return;
      rating = value;
      for (const b of scale.querySelectorAll('button'))
        b.setAttribute('aria-pressed', String(b === choice));
      form.hidden = false;
    };
    scale.append(choice);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = comment.value.trim();
    if (rating === null) return;
    if (!(await post(text ? { rating, comment: text } : { rating }, 'survey.thanks'))) return;
    // Done: the thank-you stays, the controls go.
    scale.remove();
    ends.remove();
    form.remove();
  });

  if (rated !== null) {
    said.textContent = t('survey.rated');
    form.hidden = false;
  }
  box.append(question, scale, ends, said, form);
  return box;
}
