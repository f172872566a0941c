import type { DemoArticle } from './topics';

/** The demo help centre in English. */
export const ENGLISH_ARTICLES: DemoArticle[] = [
  {
    slug: 'plans-and-prices',
    title: 'Plans and prices',
    language: 'en',
    topic: 'plans',
    body: `Demo TV has three monthly plans. Every plan includes the channel guide, catch-up TV for the last 7 days and the apps for Smart TV, Android, iPhone and the web player.

## What each plan includes

| Plan | Per month | Screens at once | Picture | Channels |
|---|---|---|---|---|
| Basic | $9.90 | 1 | HD | 80 |
| Standard | $14.90 | 2 | Full HD | 150, sports included |
| Premium | $19.90 | 4 | 4K where available | 200+, sports and movies, 100 hours of cloud recording |

Prices include taxes. There is no installation fee and no minimum contract on monthly plans.

## Paying yearly

Paying twelve months at once costs the price of ten: Basic $99, Standard $149 and Premium $199 a year. A yearly Premium plan also includes a Demo TV Box at no extra cost.

## Moving to another plan

Upgrade whenever you like in **Account > Plan**: the new plan starts at once and you only pay the difference for the days left in the current month. A downgrade takes effect on your next billing date, so you keep what you paid for until then.`,
  },
  {
    slug: 'payment-methods',
    title: 'Payment methods and invoices',
    language: 'en',
    topic: 'payment-methods',
    body: `## How you can pay

We accept credit and debit cards (Visa, Mastercard, American Express and Elo), bank transfer and, in Brazil, PIX and boleto. We do not accept PayPal, gift cards or cash.

Cards are charged automatically on the same day every month. Bank transfers, PIX and boleto are paid by hand: we email the payment details 5 days before the due date.

## Changing your card

Go to **Account > Billing > Payment method**, add the new card and mark it as the default. The next charge uses it; the old card can then be removed.

## Invoices and receipts

A receipt is emailed after every payment. All your invoices, with tax details, can be downloaded as PDF from **Account > Billing > Invoices**. To put a company name or tax number on them, fill in **Billing details** before the next payment.`,
  },
  {
    slug: 'payment-declined',
    title: 'When a payment is declined',
    language: 'en',
    topic: 'payment-declined',
    body: `## Why a card is refused

The usual reasons are an expired card, not enough balance or limit, a wrong security code (CVV), or a bank that blocks online or international purchases. Your bank can tell you the exact reason; we only receive "declined".

## What happens next

We try the charge again 1 day and 3 days later. Your channels keep working for a grace period of 5 days after the due date. After that the account is paused (nothing is deleted) until the payment goes through.

## Paying now

Open **Account > Billing** and press **Pay now** to retry with the same card, another card or PIX. Once the payment is approved, a paused account comes back within a few minutes. Two failed charges never cost extra: there are no late fees.`,
  },
  {
    slug: 'install-on-smart-tv',
    title: 'Installing Demo TV on a Smart TV',
    language: 'en',
    topic: 'smart-tv',
    body: `## Supported TVs

The IPTV Player app runs on Samsung TVs from 2018 (Tizen), LG TVs with webOS 4 or later, Android TV and Google TV, and Amazon Fire TV.

## Installing and activating

1. Open your TV's app store and search for **IPTV Player**.
2. Install it and open it: the TV shows a 6-character activation code.
3. On your phone or computer, go to **demo.tv/activate**, sign in and type the code.

The TV signs in by itself within a few seconds. The code expires after 10 minutes; press **New code** if it does.

## Older TVs

If your TV is older or has no app store, plug a Demo TV Box or a Chromecast into an HDMI port, or open the web player in the TV's browser at **watch.demo.tv**.`,
  },
  {
    slug: 'reset-password',
    title: 'Resetting your password',
    language: 'en',
    topic: 'password',
    body: `## Forgot your password

On the sign-in screen press **Forgot password?** and enter the email of your account. We send a link to choose a new password; it works for 1 hour and only once. If it does not arrive within a few minutes, look in the spam or promotions folder, then ask for a new link.

## Account locked

After 5 wrong passwords in a row, signing in is blocked for 15 minutes to protect your account. Wait, then try again or reset the password.

## No access to that email any more

Contact support with the account holder's full name and the last 4 digits of the card that pays the plan. Once we confirm it is you, we change the account's email. You can also change it yourself, while signed in, in **Account > Profile**.`,
  },
  {
    slug: 'buffering-and-freezing',
    title: 'Buffering, freezing and channels that do not load',
    language: 'en',
    topic: 'buffering',
    body: `## Internet speed

A steady stream needs about 5 Mbps for HD, 10 Mbps for Full HD and 25 Mbps for 4K, for each screen watching at the same time.

## Quick fixes

1. Restart the router and the TV or device (unplug both for 30 seconds).
2. Use a network cable, or 5 GHz Wi-Fi close to the router.
3. Pause large downloads and other streams at home.
4. Update the IPTV Player app.
5. Lower the quality in **Settings > Playback > Quality**.

## Switching server

If it still stops, open **Settings > Server** in the app and choose **Backup** instead of **Server Principal**. When a single channel fails while the others work, the problem is usually at the broadcaster: check **status.demo.tv**, where we post every outage.`,
  },
  {
    slug: 'cancel-subscription',
    title: 'Cancelling your subscription and refunds',
    language: 'en',
    topic: 'cancellation',
    body: `## How to cancel

Cancel at any time in **Account > Plan > Cancel subscription**. There is no fee. You keep watching until the end of the period you already paid for, and we do not charge you again.

## Refunds

- Within 7 days of your first payment: a full refund, no questions asked.
- Monthly plans after that: no refund for part of a month.
- Yearly plans: we refund the full months that are left.

Refunds go back to the payment method you used, within 5 to 10 business days.

## Coming back

Sign in and choose a plan again. Your favourites and recordings are kept for 90 days after the subscription ends.`,
  },
  {
    slug: 'support-hours',
    title: 'Support opening hours and contact',
    language: 'en',
    topic: 'support-hours',
    body: `## When we answer

Our team answers on the website chat and WhatsApp from Monday to Friday, 8 am to 10 pm, and on weekends and public holidays from 9 am to 6 pm (Brasília time, UTC-3). The virtual assistant is available 24 hours a day.

## Other ways to reach us

Email **support@demo.tv**: we reply within one business day. We have no phone line and no shops; everything is done online.

## Outages

Service problems are posted at any hour on **status.demo.tv**, with the expected time to fix.`,
  },
  {
    slug: 'tv-box-warranty',
    title: 'Demo TV Box warranty and returns',
    language: 'en',
    topic: 'box-warranty',
    body: `## Warranty

The Demo TV Box has a 12-month warranty against manufacturing defects, counted from the delivery date. It does not cover drops, liquids, power surges or a box that has been opened.

## Making a warranty claim

Contact support with your order number and a short video showing the problem. We email a prepaid shipping label; once the faulty box reaches us, we send a replacement within 5 business days.

## Returning a box you do not want

You can return the box within 30 days of delivery, in its original packaging with the remote and cable. We refund the full price, shipping included, to the original payment method.`,
  },
  {
    slug: 'simultaneous-screens',
    title: 'Too many screens in use',
    language: 'en',
    topic: 'screens',
    body: `## Why the message appears

Each plan allows a number of screens playing at the same time: 1 on Basic, 2 on Standard and 4 on Premium. When one more device starts playing, it shows "Too many screens in use".

## Freeing a screen

Stop playback on one of the other devices. A screen is freed about 2 minutes after it stops playing. To see every device signed in and sign one out remotely, open **Account > Devices**.

## Sharing with family

You may share your account with people you trust, in your home or elsewhere, as long as you stay within your plan's screens. For more screens, move to a bigger plan.`,
  },
];
