-- The channels that have WhatsApp's 24-hour customer service window (the window's times, and
-- the `window-closed` job when it ends). Called by write_message; the TypeScript list is
-- WHATSAPP_CHANNELS (shared/enums.ts), held equal to this function by tests/access-rule.test.ts
-- over every channel.
create or replace function is_whatsapp_channel(p_channel channel) returns boolean
  language sql immutable parallel safe as $$
  SELECT p_channel IN ('WHATSAPP_CLOUD', 'WHATSAPP_QR')
$$;
