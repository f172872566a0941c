import type { DemoLanguage } from '../../server/demo/knowledge/topics';

/**
 * The evaluation set over the demo knowledge base (server/demo/knowledge/): questions written as
 * customers write them, each with the slug of the article that answers it in the question's own
 * language, or `null` when the bot must not answer (nothing in the knowledge base covers it, so
 * it should say it does not know and hand off). None repeats an article's title; several are
 * near the business on purpose (a phone plan, a shop, Netflix), because those are the questions
 * a keyword match answers wrongly.
 */
export type QuestionKind =
  /** Says it in other words than the article. */
  | 'paraphrase'
  /** Has a misspelling. */
  | 'typo'
  /** Three words or fewer. */
  | 'short'
  /** Written without the accents the language uses. */
  | 'no-accents'
  /** Nothing in the knowledge base answers it. */
  | 'out-of-scope';

export interface EvalQuestion {
  language: DemoLanguage;
  text: string;
  /** The answering article's slug; null: the bot must not answer. */
  expected: string | null;
  kinds: QuestionKind[];
}

const q = (
  language: DemoLanguage,
  text: string,
  expected: string | null,
  ...kinds: QuestionKind[]
): EvalQuestion => ({ language, text, expected, kinds });

const en = (text: string, expected: string | null, ...kinds: QuestionKind[]) =>
  q('en', text, expected, ...kinds);
const pt = (text: string, expected: string | null, ...kinds: QuestionKind[]) =>
  q('pt', text, expected, ...kinds);
const es = (text: string, expected: string | null, ...kinds: QuestionKind[]) =>
  q('es', text, expected, ...kinds);

export const EVAL_QUESTIONS: EvalQuestion[] = [
  en('How much is the cheapest plan per month?', 'plans-and-prices', 'paraphrase'),
  en('is there a discount if i pay for the whole year', 'plans-and-prices', 'paraphrase'),
  en('upgrade to premium', 'plans-and-prices', 'short'),
  en('Hello! Can I pay with PayPal?', 'payment-methods', 'paraphrase'),
  en('where can I download my invoices', 'payment-methods', 'paraphrase'),
  en('how do i change the credit card you charge', 'payment-methods', 'paraphrase'),
  en('My card got refused, what happens now?', 'payment-declined', 'paraphrase'),
  en('paymnet failed twice', 'payment-declined', 'typo', 'short'),
  en('how do I get the app on my samsung tv', 'install-on-smart-tv', 'paraphrase'),
  en('where do i type the activation code the tv shows', 'install-on-smart-tv', 'paraphrase'),
  en('forgot my pasword', 'reset-password', 'typo', 'short'),
  en('the reset link never arrived in my email', 'reset-password', 'paraphrase'),
  en(
    'The picture keeps freezing during the football match',
    'buffering-and-freezing',
    'paraphrase',
  ),
  en('what internet speed do i need for 4k?', 'buffering-and-freezing', 'paraphrase'),
  en('how do I cancel', 'cancel-subscription', 'short'),
  en('can I get my money back? I subscribed 3 days ago', 'cancel-subscription', 'paraphrase'),
  en('what time do you open on sunday?', 'support-hours', 'paraphrase'),
  en('my tv box stoped turning on after 4 months', 'tv-box-warranty', 'typo', 'paraphrase'),
  en('return the box', 'tv-box-warranty', 'short'),
  en('it says too many screens are in use', 'simultaneous-screens', 'paraphrase'),
  en(
    'can my mom watch on my account at her house at the same time as me',
    'simultaneous-screens',
    'paraphrase',
  ),
  en("What's the weather like in Lisbon tomorrow?", null, 'out-of-scope'),
  en('do you sell mobile phone plans with data?', null, 'out-of-scope'),
  en('can you recommend a good pizza place nearby', null, 'out-of-scope'),
  en('can I watch Netflix in your app?', null, 'out-of-scope'),
  en('what is the capital of australia', null, 'out-of-scope'),

  pt('quanto custa o plano mais barato?', 'planos-e-precos', 'paraphrase'),
  pt('tem desconto pagando o ano todo de uma vez', 'planos-e-precos', 'paraphrase'),
  pt('oi, posso pagar com pix?', 'formas-de-pagamento', 'paraphrase'),
  pt('aceitam boleto', 'formas-de-pagamento', 'short'),
  pt('como emito nota fiscal no cnpj da minha empresa', 'formas-de-pagamento', 'paraphrase'),
  pt('meu cartao foi recusado', 'pagamento-recusado', 'no-accents'),
  pt(
    'o pagamento nao passou, minha conta vai ser suspensa?',
    'pagamento-recusado',
    'no-accents',
    'paraphrase',
  ),
  pt('como instalo o aplicativo na minha tv lg', 'instalar-na-smart-tv', 'paraphrase'),
  pt(
    'minha tv é antiga e não tem loja de apps, dá pra usar?',
    'instalar-na-smart-tv',
    'paraphrase',
  ),
  pt('tem app pra iphone?', 'app-no-celular', 'short', 'paraphrase'),
  pt('consigo baixar filmes pra ver offline no celular', 'app-no-celular', 'paraphrase'),
  pt('esqueci a senha', 'redefinir-senha', 'short'),
  pt(
    'nao consigo entrar, diz que a conta esta bloqueada',
    'redefinir-senha',
    'no-accents',
    'paraphrase',
  ),
  pt('a imagem fica travando toda hora', 'travamentos-e-buffering', 'paraphrase'),
  pt(
    'o canal fica so carregando e nao abre',
    'travamentos-e-buffering',
    'no-accents',
    'paraphrase',
  ),
  pt('como faço pra cancelar?', 'cancelar-assinatura', 'paraphrase'),
  pt('voces devolvem o dinheiro se eu desistir', 'cancelar-assinatura', 'no-accents', 'paraphrase'),
  pt('até que horas vcs atendem no sábado', 'horario-de-atendimento', 'paraphrase'),
  pt('quando chega minha tv box', 'envio-da-tv-box', 'paraphrase'),
  pt('cade o codigo de rastreio do meu pedido', 'envio-da-tv-box', 'no-accents', 'paraphrase'),
  pt('apareceu que tem telas demais em uso', 'telas-simultaneas', 'paraphrase'),
  pt(
    'posso dividir minha conta com meu irmao que mora em outra cidade?',
    'telas-simultaneas',
    'no-accents',
    'paraphrase',
  ),
  pt('qual a previsão do tempo pra amanhã em são paulo', null, 'out-of-scope'),
  pt('vocês vendem celular?', null, 'out-of-scope'),
  pt('me passa uma receita de bolo de cenoura', null, 'out-of-scope'),
  pt('vocês instalam internet de fibra na minha casa?', null, 'out-of-scope'),
  pt('quem ganhou o jogo do flamengo ontem', null, 'out-of-scope'),

  es('¿cuánto cuesta el plan premium al mes?', 'planes-y-precios', 'paraphrase'),
  es('puedo pasar del plan basico al estandar', 'planes-y-precios', 'no-accents', 'paraphrase'),
  es('hola, aceptan tarjeta de debito?', 'metodos-de-pago', 'no-accents', 'paraphrase'),
  es('donde descargo mis facturas', 'metodos-de-pago', 'no-accents', 'paraphrase'),
  es('se puede pagar en efectivo', 'metodos-de-pago', 'paraphrase'),
  es('cómo instalo la app en mi televisor samsung', 'instalar-en-smart-tv', 'paraphrase'),
  es('mi tele no tiene tienda de aplicaciones', 'instalar-en-smart-tv', 'paraphrase'),
  es('hay aplicacion para android?', 'app-en-el-movil', 'no-accents', 'short'),
  es(
    'cuantos datos moviles gasta ver tv en el celular',
    'app-en-el-movil',
    'no-accents',
    'paraphrase',
  ),
  es('olvide mi contraseña', 'restablecer-contrasena', 'no-accents', 'short'),
  es(
    'no me llega el correo para cambiar la contrasena',
    'restablecer-contrasena',
    'no-accents',
    'paraphrase',
  ),
  es('la imagen se congela a cada rato', 'cortes-y-buffering', 'paraphrase'),
  es(
    'que velocidad de internet necesito para ver en 4k',
    'cortes-y-buffering',
    'no-accents',
    'paraphrase',
  ),
  es('quiero dar de baja el servicio', 'cancelar-suscripcion', 'paraphrase'),
  es('¿me devuelven el dinero si cancelo el plan anual?', 'cancelar-suscripcion', 'paraphrase'),
  es('a que hora abren los domingos', 'horario-de-atencion', 'no-accents', 'paraphrase'),
  es(
    'tienen un correo electronico de contacto?',
    'horario-de-atencion',
    'no-accents',
    'paraphrase',
  ),
  es('cuanto tarda en llegar el tv box', 'envio-del-tv-box', 'no-accents', 'paraphrase'),
  es('el envio tiene costo?', 'envio-del-tv-box', 'no-accents', 'short'),
  es(
    'mi caja se rompio, la garantia la cubre?',
    'garantia-y-devoluciones',
    'no-accents',
    'paraphrase',
  ),
  es(
    'quiero devolver el aparato porque no me gusto',
    'garantia-y-devoluciones',
    'no-accents',
    'paraphrase',
  ),
  es('¿cuál es la capital de francia?', null, 'out-of-scope'),
  es('me recomiendas un restaurante cerca de aqui', null, 'out-of-scope'),
  es('¿venden planes de telefonía móvil?', null, 'out-of-scope'),
  es('cómo se prepara una paella', null, 'out-of-scope'),
  es('pueden arreglar mi lavadora', null, 'out-of-scope'),
];
