-- Notifications leave the web app (issue 18): per-user channels and quiet hours, and an outbox of
-- channel messages that a dispatcher sends (db/notification-dispatcher.ts). A row per message,
-- unique on its dedupe key: a retried notify activity or a replayed reminder adds nothing.

CREATE TABLE notification_settings (
  user_id text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  -- Channels besides the in-app bell: dingtalkRobot, dingtalkWork, wecomRobot, wecomApp, sms, email.
  channels text[] NOT NULL DEFAULT '{}',
  -- Quiet hours in minutes after Shanghai midnight (may wrap midnight: 22:00–07:00); both or neither.
  quiet_start smallint CHECK (quiet_start BETWEEN 0 AND 1439),
  quiet_end smallint CHECK (quiet_end BETWEEN 0 AND 1439),
  mobile text,
  email text,
  dingtalk_user_id text,
  wecom_user_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
);

CREATE TABLE notification_deliveries (
  id bigserial PRIMARY KEY,
  dedupe_key text NOT NULL UNIQUE,
  channel text NOT NULL,
  -- A group robot's id, or the user a personal message goes to.
  target text NOT NULL,
  -- The users the message is for (a group message mentions them).
  recipients text[] NOT NULL,
  notification_key text NOT NULL,
  -- {kind, title, message, caseId, taskId, caseTitle}
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  -- Not before the end of the recipient's quiet hours, or the next retry.
  not_before timestamptz NOT NULL DEFAULT now(),
  -- A claimed row whose sender died is taken again after this.
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (not_before) WHERE status IN ('pending', 'sending');

-- The case a notification is about, by its stored (masked) title: the bell groups by case.
ALTER TABLE notifications ADD COLUMN case_title text;
CREATE INDEX notifications_user_case ON notifications (user_id, case_id);
