import type { DemoArticle } from './topics';

/** El centro de ayuda de demostración en español. */
export const SPANISH_ARTICLES: DemoArticle[] = [
  {
    slug: 'planes-y-precios',
    title: 'Planes y precios',
    language: 'es',
    topic: 'plans',
    body: `Demo TV tiene tres planes mensuales. Todos incluyen la guía de canales, la programación de los últimos 7 días y las aplicaciones para Smart TV, Android, iPhone y el reproductor web.

## Qué incluye cada plan

| Plan | Al mes | Pantallas a la vez | Imagen | Canales |
|---|---|---|---|---|
| Básico | US$ 9,90 | 1 | HD | 80 |
| Estándar | US$ 14,90 | 2 | Full HD | 150, con deportes |
| Premium | US$ 19,90 | 4 | 4K cuando esté disponible | más de 200, deportes y películas, 100 horas de grabación en la nube |

Los precios incluyen impuestos. No hay cuota de instalación ni permanencia en los planes mensuales.

## Pago anual

Si pagas doce meses de una vez, pagas solo diez: Básico US$ 99, Estándar US$ 149 y Premium US$ 199 al año. El Premium anual incluye un Demo TV Box sin costo.

## Cambiar de plan

Sube de plan cuando quieras en **Cuenta > Plan**: el nuevo plan empieza en el acto y solo pagas la diferencia de los días que quedan del mes. Si bajas de plan, el cambio se aplica en la próxima fecha de cobro.`,
  },
  {
    slug: 'metodos-de-pago',
    title: 'Métodos de pago y facturas',
    language: 'es',
    topic: 'payment-methods',
    body: `## Cómo pagar

Aceptamos tarjetas de crédito y de débito (Visa, Mastercard, American Express y Elo) y transferencia bancaria; en Brasil, también PIX y boleto. No aceptamos PayPal, tarjetas de regalo ni efectivo.

La tarjeta se cobra automáticamente el mismo día de cada mes. La transferencia se paga a mano: enviamos los datos por correo 5 días antes del vencimiento.

## Cambiar la tarjeta

Entra en **Cuenta > Facturación > Método de pago**, agrega la nueva tarjeta y márcala como principal. El próximo cobro ya se hace con ella.

## Facturas y recibos

Después de cada pago te enviamos un recibo por correo. Todas las facturas, con los datos fiscales, se descargan en PDF desde **Cuenta > Facturación > Facturas**. Para facturar a nombre de una empresa, completa los **Datos de facturación** antes del próximo pago.`,
  },
  {
    slug: 'instalar-en-smart-tv',
    title: 'Cómo instalar Demo TV en un Smart TV',
    language: 'es',
    topic: 'smart-tv',
    body: `## Televisores compatibles

La aplicación IPTV Player funciona en televisores Samsung desde 2018 (Tizen), LG con webOS 4 o posterior, Android TV y Google TV, y Amazon Fire TV.

## Instalar y activar

1. Abre la tienda de aplicaciones del televisor y busca **IPTV Player**.
2. Instálala y ábrela: el televisor muestra un código de activación de 6 caracteres.
3. En el celular o la computadora, entra en **demo.tv/activar**, inicia sesión y escribe el código.

El televisor inicia sesión solo en unos segundos. El código vence a los 10 minutos; si vence, pulsa **Nuevo código**.

## Televisores antiguos

Si tu televisor es antiguo o no tiene tienda de aplicaciones, conecta un Demo TV Box o un Chromecast al puerto HDMI, o abre el reproductor web en el navegador del televisor en **watch.demo.tv**.`,
  },
  {
    slug: 'app-en-el-movil',
    title: 'Ver Demo TV en el móvil o la tableta',
    language: 'es',
    topic: 'mobile-app',
    body: `## Descargar la aplicación

IPTV Player está en Google Play (Android 8 o posterior) y en la App Store (iPhone y iPad con iOS 15 o posterior). Inicia sesión con el mismo correo y contraseña de tu cuenta.

## Enviar a la tele

Con el video abierto, toca el icono de transmitir para enviarlo a un Chromecast o, desde un iPhone, a un Apple TV con AirPlay.

## Ver sin conexión

Las películas y series con el icono de descarga se pueden guardar para verlas sin internet: hasta 25 títulos por dispositivo, disponibles durante 30 días. Los canales en vivo no se pueden descargar.

## Consumo de datos

Con datos móviles, activa **Ahorrar datos** en **Ajustes**: el consumo baja a cerca de 1 GB por hora. En Full HD se gastan unos 3 GB por hora.`,
  },
  {
    slug: 'restablecer-contrasena',
    title: 'Restablecer la contraseña',
    language: 'es',
    topic: 'password',
    body: `## Olvidaste tu contraseña

En la pantalla de inicio de sesión pulsa **¿Olvidaste tu contraseña?** y escribe el correo de tu cuenta. Te enviamos un enlace para crear una contraseña nueva, válido durante 1 hora y una sola vez. Si no llega en unos minutos, revisa la carpeta de spam o de promociones y pide otro enlace.

## Cuenta bloqueada

Tras 5 contraseñas incorrectas seguidas, el inicio de sesión se bloquea durante 15 minutos para proteger tu cuenta. Espera y vuelve a intentarlo, o restablece la contraseña.

## Sin acceso a ese correo

Escribe a soporte con el nombre completo del titular y los 4 últimos dígitos de la tarjeta que paga el plan. Cuando confirmemos que eres tú, cambiamos el correo de la cuenta. Si todavía puedes entrar, cámbialo tú mismo en **Cuenta > Perfil**.`,
  },
  {
    slug: 'cortes-y-buffering',
    title: 'Cortes, imagen congelada y canales que no cargan',
    language: 'es',
    topic: 'buffering',
    body: `## Velocidad de internet

Para que la imagen no se corte, cada pantalla necesita unos 5 Mbps en HD, 10 Mbps en Full HD y 25 Mbps en 4K.

## Soluciones rápidas

1. Reinicia el router y el televisor o dispositivo (desenchúfalos 30 segundos).
2. Usa cable de red, o wifi de 5 GHz cerca del router.
3. Pausa descargas grandes y otros videos en casa.
4. Actualiza la aplicación IPTV Player.
5. Baja la calidad en **Ajustes > Reproducción > Calidad**.

## Cambiar de servidor

Si sigue cortándose, abre **Ajustes > Servidor** en la aplicación y elige **Backup** en lugar de **Server Principal**. Cuando falla un solo canal y los demás funcionan, el problema suele estar en el canal emisor: consulta **status.demo.tv**, donde publicamos todas las incidencias.`,
  },
  {
    slug: 'cancelar-suscripcion',
    title: 'Cancelación y reembolsos',
    language: 'es',
    topic: 'cancellation',
    body: `## Cómo cancelar

Cancela cuando quieras en **Cuenta > Plan > Cancelar suscripción**. No hay penalización. Sigues viendo hasta el final del periodo ya pagado y no volvemos a cobrarte.

## Reembolsos

- Dentro de los 7 días posteriores al primer pago: te devolvemos todo, sin preguntas.
- Planes mensuales después de eso: no se reembolsa una parte del mes.
- Planes anuales: devolvemos los meses completos que quedan.

El reembolso vuelve al mismo método de pago en 5 a 10 días hábiles.

## Volver

Inicia sesión y elige un plan de nuevo. Tus favoritos y grabaciones se guardan durante 90 días después de que termina la suscripción.`,
  },
  {
    slug: 'horario-de-atencion',
    title: 'Horario de atención y contacto',
    language: 'es',
    topic: 'support-hours',
    body: `## Cuándo atendemos

Nuestro equipo atiende por el chat de la web y por WhatsApp de lunes a viernes, de 8:00 a 22:00, y los sábados, domingos y feriados, de 9:00 a 18:00 (hora de Brasilia, UTC-3). El asistente virtual está disponible las 24 horas.

## Otros contactos

Correo **support@demo.tv**: respondemos en un día hábil como máximo. No tenemos línea telefónica ni tiendas; todo se hace en línea.

## Incidencias

Los problemas del servicio se publican a cualquier hora en **status.demo.tv**, con el tiempo estimado de solución.`,
  },
  {
    slug: 'envio-del-tv-box',
    title: 'Envío del Demo TV Box',
    language: 'es',
    topic: 'box-shipping',
    body: `## Precio y envío

El Demo TV Box cuesta US$ 49 y el envío es gratis. Con el plan Premium anual viene sin costo.

## Plazo de entrega

Despachamos el pedido en 1 día hábil como máximo. La entrega tarda de 3 a 7 días hábiles en las capitales y hasta 12 días hábiles en el resto de las ciudades.

## Seguimiento

Cuando sale la caja, te enviamos el número de seguimiento por correo y por WhatsApp. Si el pedido no llega en 15 días hábiles, escríbenos y enviamos otro.

## Cambiar la dirección

Puedes cambiar la dirección en **Cuenta > Pedidos** hasta el despacho. Después, escribe a soporte.`,
  },
  {
    slug: 'garantia-y-devoluciones',
    title: 'Garantía y devoluciones del Demo TV Box',
    language: 'es',
    topic: 'box-warranty',
    body: `## Garantía

El Demo TV Box tiene 12 meses de garantía contra defectos de fábrica, contados desde la entrega. No cubre golpes, líquidos, subidas de tensión ni un equipo que haya sido abierto.

## Cómo usar la garantía

Escribe a soporte con tu número de pedido y un video corto que muestre el problema. Te enviamos por correo una etiqueta de envío prepagada; cuando recibimos el equipo averiado, enviamos uno nuevo en 5 días hábiles.

## Devolver un equipo que no quieres

Puedes devolverlo dentro de los 30 días posteriores a la entrega, en su caja original con el control remoto y el cable. Te devolvemos el precio completo, envío incluido, al mismo método de pago.`,
  },
];
