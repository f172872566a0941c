/**
 * The providers' webhooks (no seed: the WhatsApp Cloud API's, WAHA's and Evolution API's
 * documented payloads), under `/webhooks`: signatures checked, payloads parsed by the channel
 * adapters and handed to the messages service.
 */
export { webhooksRest } from './routes';
