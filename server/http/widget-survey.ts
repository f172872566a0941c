import { callerOf, requireCaller, widgetCors } from '../contracts/chatbot-platform/widget-session';
import { json, param } from '../contracts/common/handler';
import { scopedRouter } from '../contracts/common/scoped-router';
import { jsonBody } from '../request/body';
import { answerAsVisitor, visitorSurvey } from '../services/csat/widget-survey';

/*
 * The customer satisfaction survey of a widget visitor's ended conversation (docs/api.md,
 * Widget survey), with the widget's session token and CORS, as /widget/files:
 * - `GET /widget/survey/:conversationId` → `{conversationId, asked, rating, comment}`.
 * - `POST /widget/survey/:conversationId` `{rating: 1..5, comment?}` → the same; 409 when
 *   nothing was asked. A second answer replaces the first (the rating is posted at once, the
 *   comment after it).
 */

export const widgetSurveyRest = scopedRouter('/widget/survey');
widgetSurveyRest.use(widgetCors);

widgetSurveyRest.get(
  '/widget/survey/:conversationId',
  requireCaller,
  json((req, res) => visitorSurvey(callerOf(res), param(req, 'conversationId'))),
);

widgetSurveyRest.post(
  '/widget/survey/:conversationId',
  jsonBody,
  requireCaller,
  json((req, res) => answerAsVisitor(callerOf(res), param(req, 'conversationId'), req.body)),
);
