/**
 * Each user's channels (issue 18): which of the channels this deployment has configured reach them
 * besides the bell (DingTalk / WeCom group robot or work notice, SMS, e-mail), the contact each
 * needs, and quiet hours (messages wait until they end). Errors are pinned to their fields.
 */
import { useEffect, useState } from 'react';
import type { NotificationSettingsView } from '../../../api/index.js';
import { CHANNEL_CONTACT, type NotifyChannel } from '../../../dsl/notify-channels.js';
import { client, errorMessage, fieldErrors } from '../lib/api.js';
import { useT, type MsgKey } from '../lib/i18n.js';
import { Dialog, ErrorBanner, Field, Loading } from './ui.js';

const CHANNEL_KEY: Record<NotifyChannel, MsgKey> = {
  dingtalkRobot: 'channelDingtalkRobot',
  dingtalkWork: 'channelDingtalkWork',
  wecomRobot: 'channelWecomRobot',
  wecomApp: 'channelWecomApp',
  sms: 'channelSms',
  email: 'channelEmail',
};
type Contact = 'mobile' | 'email' | 'dingtalkUserId' | 'wecomUserId';
const CONTACT_KEY: Record<Contact, MsgKey> = { mobile: 'contactMobile', email: 'contactEmail', dingtalkUserId: 'contactDingtalk', wecomUserId: 'contactWecom' };

export function NotificationSettingsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [view, setView] = useState<NotificationSettingsView>();
  const [channels, setChannels] = useState<NotifyChannel[]>([]);
  const [contacts, setContacts] = useState<Record<Contact, string>>({ mobile: '', email: '', dingtalkUserId: '', wecomUserId: '' });
  const [quiet, setQuiet] = useState(false);
  const [start, setStart] = useState('22:00');
  const [end, setEnd] = useState('07:00');
  const [error, setError] = useState<string>();
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    client.notificationSettings().then(
      (v) => {
        setView(v);
        setChannels(v.channels);
        setContacts({ mobile: v.mobile ?? '', email: v.email ?? '', dingtalkUserId: v.dingtalkUserId ?? '', wecomUserId: v.wecomUserId ?? '' });
        setQuiet(v.quietHours !== null);
        if (v.quietHours) {
          setStart(v.quietHours.start);
          setEnd(v.quietHours.end);
        }
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  }, []);

  // A contact field shows when a chosen channel needs it, or when it is already filled (a group robot mentions by mobile).
  const needed = new Set(channels.map((c) => CHANNEL_CONTACT[c]).filter((c): c is Contact => c !== undefined));
  if (channels.includes('dingtalkRobot')) needed.add('mobile');
  const shown = (Object.keys(CONTACT_KEY) as Contact[]).filter((c) => needed.has(c) || contacts[c] !== '');

  return (
    <Dialog title={t('notificationSettings')} onClose={onClose} testId="notification-settings">
      {!view && !error ? <Loading /> : null}
      {view ? (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setError(undefined);
            setErrs({});
            try {
              await client.saveNotificationSettings({ channels, quietHours: quiet ? { start, end } : null, ...contacts });
              onClose();
            } catch (err) {
              setError(errorMessage(err));
              setErrs(fieldErrors(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          <ErrorBanner message={error} />
          <Field label={t('notifyChannels')} error={channels.map((_, i) => errs[`channels.${i}`]).filter((m): m is string => !!m)}>
            {view.available.length === 0 ? <span className="muted">{t('noChannelsConfigured')}</span> : null}
            {view.available.map((c) => (
              <label key={c} className="row">
                <input
                  type="checkbox"
                  checked={channels.includes(c)}
                  onChange={(e) => setChannels(e.target.checked ? [...channels, c] : channels.filter((x) => x !== c))}
                  data-testid={`channel-${c}`}
                />
                {t(CHANNEL_KEY[c])}
              </label>
            ))}
          </Field>
          {shown.map((c) => (
            <Field key={c} label={t(CONTACT_KEY[c])} error={errs[c]}>
              <input value={contacts[c]} onChange={(e) => setContacts({ ...contacts, [c]: e.target.value })} data-testid={`contact-${c}`} />
            </Field>
          ))}
          <label className="row">
            <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} data-testid="quiet-hours" />
            {t('quietHours')}
          </label>
          {quiet ? (
            <div className="row">
              <Field label={t('quietFrom')} error={errs['quietHours.start']}>
                <input value={start} onChange={(e) => setStart(e.target.value)} inputMode="numeric" maxLength={5} placeholder="22:00" data-testid="quiet-start" />
              </Field>
              <Field label={t('quietUntil')} error={errs['quietHours.end']}>
                <input value={end} onChange={(e) => setEnd(e.target.value)} inputMode="numeric" maxLength={5} placeholder="07:00" data-testid="quiet-end" />
              </Field>
            </div>
          ) : null}
          <p className="muted">{t('quietHoursHint')}</p>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="settings-save">
              {t('save')}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
