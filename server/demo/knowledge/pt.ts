import type { DemoArticle } from './topics';

/** A central de ajuda de demonstração em português (do Brasil). */
export const PORTUGUESE_ARTICLES: DemoArticle[] = [
  {
    slug: 'planos-e-precos',
    title: 'Planos e preços',
    language: 'pt',
    topic: 'plans',
    body: `A Demo TV tem três planos mensais. Todos incluem o guia de canais, a programação dos últimos 7 dias e os aplicativos para Smart TV, Android, iPhone e o player web.

## O que cada plano inclui

| Plano | Por mês | Telas ao mesmo tempo | Imagem | Canais |
|---|---|---|---|---|
| Básico | US$ 9,90 | 1 | HD | 80 |
| Padrão | US$ 14,90 | 2 | Full HD | 150, com esportes |
| Premium | US$ 19,90 | 4 | 4K quando disponível | mais de 200, esportes e filmes, 100 horas de gravação na nuvem |

Os preços já incluem impostos. Não há taxa de instalação nem fidelidade nos planos mensais.

## Pagamento anual

Pagando doze meses de uma vez, você paga só dez: Básico US$ 99, Padrão US$ 149 e Premium US$ 199 por ano. O Premium anual inclui uma Demo TV Box sem custo.

## Trocar de plano

Faça o upgrade quando quiser em **Conta > Plano**: o novo plano começa na hora e você paga só a diferença dos dias que faltam no mês. Um downgrade vale a partir da próxima data de cobrança.`,
  },
  {
    slug: 'formas-de-pagamento',
    title: 'Formas de pagamento e notas fiscais',
    language: 'pt',
    topic: 'payment-methods',
    body: `## Como pagar

Aceitamos cartão de crédito e de débito (Visa, Mastercard, American Express e Elo), transferência bancária, PIX e boleto. Não aceitamos PayPal, vale-presente nem dinheiro.

O cartão é cobrado automaticamente no mesmo dia de cada mês. Transferência, PIX e boleto são pagos manualmente: enviamos os dados por e-mail 5 dias antes do vencimento.

## Trocar o cartão

Entre em **Conta > Cobrança > Forma de pagamento**, cadastre o novo cartão e marque-o como principal. A próxima cobrança já usa o novo cartão.

## Notas fiscais e recibos

Depois de cada pagamento você recebe um recibo por e-mail. Todas as notas fiscais ficam em **Conta > Cobrança > Notas fiscais**, para baixar em PDF. Para emitir em nome de uma empresa (CNPJ), preencha os **Dados de cobrança** antes do próximo pagamento.`,
  },
  {
    slug: 'pagamento-recusado',
    title: 'Quando o pagamento é recusado',
    language: 'pt',
    topic: 'payment-declined',
    body: `## Por que o cartão é recusado

Os motivos mais comuns são cartão vencido, saldo ou limite insuficiente, código de segurança (CVV) errado ou um banco que bloqueia compras online ou internacionais. O seu banco sabe o motivo exato; nós só recebemos "recusado".

## O que acontece depois

Tentamos cobrar de novo 1 dia e 3 dias depois. Os canais continuam funcionando por 5 dias de carência após o vencimento. Depois disso a conta fica suspensa (nada é apagado) até o pagamento ser aprovado.

## Pagar agora

Abra **Conta > Cobrança** e toque em **Pagar agora** para tentar com o mesmo cartão, outro cartão ou PIX. Aprovado o pagamento, uma conta suspensa volta em poucos minutos. Não cobramos multa nem juros por atraso.`,
  },
  {
    slug: 'instalar-na-smart-tv',
    title: 'Como instalar a Demo TV na Smart TV',
    language: 'pt',
    topic: 'smart-tv',
    body: `## TVs compatíveis

O aplicativo IPTV Player funciona em TVs Samsung a partir de 2018 (Tizen), TVs LG com webOS 4 ou mais recente, Android TV e Google TV, e Amazon Fire TV.

## Instalar e ativar

1. Abra a loja de aplicativos da TV e procure por **IPTV Player**.
2. Instale e abra o aplicativo: a TV mostra um código de ativação de 6 caracteres.
3. No celular ou no computador, acesse **demo.tv/ativar**, entre na sua conta e digite o código.

A TV entra sozinha em alguns segundos. O código expira em 10 minutos; se expirar, toque em **Novo código**.

## TVs mais antigas

Se a sua TV é antiga ou não tem loja de aplicativos, ligue uma Demo TV Box ou um Chromecast na entrada HDMI, ou abra o player web no navegador da TV em **watch.demo.tv**.`,
  },
  {
    slug: 'app-no-celular',
    title: 'Assistir no celular e no tablet',
    language: 'pt',
    topic: 'mobile-app',
    body: `## Baixar o aplicativo

O IPTV Player está na Google Play (Android 8 ou mais recente) e na App Store (iPhone e iPad com iOS 15 ou mais recente). Entre com o mesmo e-mail e senha da sua conta.

## Levar para a TV

Com o vídeo aberto, toque no ícone de transmitir para enviar para um Chromecast ou, no iPhone, para uma Apple TV pelo AirPlay.

## Assistir sem internet

Filmes e séries com o ícone de download podem ser baixados para assistir offline: até 25 títulos por aparelho, que ficam disponíveis por 30 dias. Canais ao vivo não podem ser baixados.

## Consumo de dados

No 4G ou 5G, ative **Economizar dados** em **Configurações**: o consumo cai para cerca de 1 GB por hora. Em Full HD o consumo é de cerca de 3 GB por hora.`,
  },
  {
    slug: 'redefinir-senha',
    title: 'Como redefinir a senha',
    language: 'pt',
    topic: 'password',
    body: `## Esqueceu a senha

Na tela de entrada, toque em **Esqueci minha senha** e informe o e-mail da conta. Enviamos um link para criar uma nova senha, válido por 1 hora e uma única vez. Se não chegar em alguns minutos, olhe a caixa de spam ou de promoções e peça um novo link.

## Conta bloqueada

Depois de 5 senhas erradas seguidas, a entrada fica bloqueada por 15 minutos para proteger a sua conta. Espere e tente de novo, ou redefina a senha.

## Sem acesso ao e-mail cadastrado

Fale com o atendimento informando o nome completo do titular e os 4 últimos dígitos do cartão que paga o plano. Depois de confirmar que é você, trocamos o e-mail da conta. Se você ainda consegue entrar, pode trocar sozinho em **Conta > Perfil**.`,
  },
  {
    slug: 'travamentos-e-buffering',
    title: 'Imagem travando, carregando ou canal que não abre',
    language: 'pt',
    topic: 'buffering',
    body: `## Velocidade da internet

Para a imagem não parar, cada tela precisa de cerca de 5 Mbps em HD, 10 Mbps em Full HD e 25 Mbps em 4K.

## Soluções rápidas

1. Reinicie o roteador e a TV ou o aparelho (tire da tomada por 30 segundos).
2. Use cabo de rede, ou Wi-Fi de 5 GHz perto do roteador.
3. Pause downloads grandes e outros vídeos na casa.
4. Atualize o aplicativo IPTV Player.
5. Diminua a qualidade em **Configurações > Reprodução > Qualidade**.

## Trocar de servidor

Se continuar travando, abra **Configurações > Servidor** no aplicativo e escolha **Backup** no lugar de **Server Principal**. Quando só um canal falha e os outros funcionam, o problema costuma ser na emissora: confira **status.demo.tv**, onde publicamos todas as instabilidades.`,
  },
  {
    slug: 'cancelar-assinatura',
    title: 'Cancelamento e reembolso',
    language: 'pt',
    topic: 'cancellation',
    body: `## Como cancelar

Cancele quando quiser em **Conta > Plano > Cancelar assinatura**. Não há multa. Você continua assistindo até o fim do período já pago e não será cobrado de novo.

## Reembolso

- Até 7 dias depois do primeiro pagamento: devolvemos o valor total, sem perguntas.
- Planos mensais depois disso: não há reembolso de parte do mês.
- Planos anuais: devolvemos os meses inteiros que faltam.

O reembolso volta para a mesma forma de pagamento em 5 a 10 dias úteis.

## Voltar a assinar

Entre na sua conta e escolha um plano. Seus favoritos e gravações ficam guardados por 90 dias depois do fim da assinatura.`,
  },
  {
    slug: 'horario-de-atendimento',
    title: 'Horário de atendimento e contato',
    language: 'pt',
    topic: 'support-hours',
    body: `## Quando atendemos

Nossa equipe atende pelo chat do site e pelo WhatsApp de segunda a sexta, das 8h às 22h, e aos sábados, domingos e feriados, das 9h às 18h (horário de Brasília). O assistente virtual funciona 24 horas.

## Outros contatos

E-mail **support@demo.tv**: respondemos em até um dia útil. Não temos atendimento por telefone nem lojas físicas; tudo é feito online.

## Instabilidades

Problemas no serviço são publicados a qualquer hora em **status.demo.tv**, com a previsão de solução.`,
  },
  {
    slug: 'envio-da-tv-box',
    title: 'Entrega da Demo TV Box',
    language: 'pt',
    topic: 'box-shipping',
    body: `## Preço e frete

A Demo TV Box custa US$ 49, com frete grátis. No plano Premium anual ela vem sem custo.

## Prazo de entrega

O pedido é despachado em até 1 dia útil. A entrega leva de 3 a 7 dias úteis nas capitais e até 12 dias úteis nas demais cidades.

## Rastreamento

Assim que a caixa sai, enviamos o código de rastreio por e-mail e WhatsApp. Se o pedido não chegar em 15 dias úteis, fale com o atendimento que enviamos outra.

## Mudar o endereço

O endereço pode ser alterado em **Conta > Pedidos** até o despacho. Depois disso, fale com o atendimento.`,
  },
  {
    slug: 'telas-simultaneas',
    title: 'Aviso de telas demais em uso',
    language: 'pt',
    topic: 'screens',
    body: `## Por que o aviso aparece

Cada plano permite um número de telas assistindo ao mesmo tempo: 1 no Básico, 2 no Padrão e 4 no Premium. Quando mais um aparelho começa a assistir, aparece a mensagem "Telas demais em uso".

## Liberar uma tela

Pare a reprodução em um dos outros aparelhos. A tela é liberada cerca de 2 minutos depois. Para ver todos os aparelhos conectados e desconectar um à distância, abra **Conta > Aparelhos**.

## Dividir com a família

Você pode dividir a conta com pessoas de confiança, na sua casa ou em outro endereço, desde que respeite o número de telas do plano. Para mais telas, mude para um plano maior.`,
  },
];
