import { messageText } from '../../../shared/message-text';

export { messageText };
