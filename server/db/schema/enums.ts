import { pgEnum } from 'drizzle-orm/pg-core';
import {
  ASSIGNMENT_STRATEGIES,
  AVAILABILITIES,
  CHANNELS,
  CONVERSATION_KINDS,
  CONVERSATION_STATUSES,
  DELIVERY_STATUSES,
  MESSAGE_DIRECTIONS,
  MESSAGE_ORIGINS,
  MESSAGE_TYPES,
  ROLES,
} from '../../../shared/enums';

export const roleEnum = pgEnum('role', ROLES);
export const availabilityEnum = pgEnum('availability', AVAILABILITIES);
export const channelEnum = pgEnum('channel', CHANNELS);
export const conversationKindEnum = pgEnum('conversation_kind', CONVERSATION_KINDS);
export const conversationStatusEnum = pgEnum('conversation_status', CONVERSATION_STATUSES);
export const messageDirectionEnum = pgEnum('message_direction', MESSAGE_DIRECTIONS);
export const messageOriginEnum = pgEnum('message_origin', MESSAGE_ORIGINS);
export const messageTypeEnum = pgEnum('message_type', MESSAGE_TYPES);
export const deliveryStatusEnum = pgEnum('delivery_status', DELIVERY_STATUSES);
export const assignmentStrategyEnum = pgEnum('assignment_strategy', ASSIGNMENT_STRATEGIES);
