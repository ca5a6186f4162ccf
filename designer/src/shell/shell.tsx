/** The frame around every signed-in page: navigation by capability, bell, language, sign-out. */
import { useEffect, useState, type ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { client } from '../lib/api.js';
import type { NotificationGroup } from '../../../api/index.js';
import { formatDateTime } from '../lib/format.js';
import { plainMessage } from '../lib/plain-text.js';
import { useLang, useT } from '../lib/i18n.js';
import { can, useSession } from '../lib/session.js';
import { NotificationSettingsDialog } from './notification-settings.js';

/** The bell: notifications grouped by case (newest first, unread groups on top), read one case or all. */
function Bell() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [groups, setGroups] = useState<NotificationGroup[]>([]);
  const [unread, setUnread] = useState(0);
  const [settings, setSettings] = useState(false);
  const load = async () => {
    try {
      const res = await client.notificationGroups();
      setGroups(res.groups);
      setUnread(res.unread);
    } catch {
      /* the bell is secondary: a failure here must not disturb the page */
    }
  };
  useEffect(() => {
    void load();
    const h = window.setInterval(load, 30_000);
    return () => window.clearInterval(h);
  }, []);
  const openGroup = async (g: NotificationGroup) => {
    const n = g.latest;
    if (g.unread > 0) {
      try {
        // Opening a case's group reads all of that case's notifications.
        if (g.caseId) await client.markAllRead(g.caseId);
        else await client.markRead(n.id);
      } catch {
        /* still navigate */
      }
    }
    setOpen(false);
    void load();
    if (n.caseId && n.taskId) navigate(`/tasks/${n.caseId}/${n.taskId}`);
    else if (n.caseId) navigate(`/cases/${n.caseId}`);
  };
  return (
    <div className="bell">
      <button type="button" className="btn-icon" onClick={() => setOpen(!open)} aria-label={t('notifications')} data-testid="bell">
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 8-3 8h18s-3-1-3-8" />
          <path d="M13.7 20a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 ? (
          <span className="bell-count" data-testid="bell-count">
            {unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="bell-panel" data-testid="bell-panel">
          <div className="bell-head">
            <button
              type="button"
              className="btn-text"
              onClick={() => {
                setOpen(false);
                setSettings(true);
              }}
              data-testid="bell-settings"
            >
              {t('notificationSettings')}
            </button>
            {unread > 0 ? (
              <button type="button" className="btn-text" onClick={() => void client.markAllRead().then(load, load)} data-testid="bell-read-all">
                {t('markAllRead')}
              </button>
            ) : null}
          </div>
          {groups.length === 0 ? <div className="empty">{t('noNotifications')}</div> : null}
          {groups.map((g) => (
            <button type="button" key={g.caseId ?? g.latest.id} className={`bell-item${g.unread ? ' unread' : ''}`} onClick={() => void openGroup(g)} data-testid="bell-group" data-case-id={g.caseId ?? ''}>
              <strong>
                <span translate="no">{g.caseTitle}</span>
                {g.unread ? <span className="bell-group-count">{g.unread}</span> : null}
              </strong>
              {/* Stored as sent (also to DingTalk/WeCom): the message reads as it was written. */}
              <span translate="no">{plainMessage(g.latest.title, lang)}</span>
              <span translate="no">{plainMessage(g.latest.message, lang)}</span>
              <small>
                {formatDateTime(g.latestAt, lang)}
                {g.total > 1 ? ` · ${t('notificationsInCase').replace('{n}', String(g.total))}` : ''}
              </small>
            </button>
          ))}
        </div>
      ) : null}
      {settings ? <NotificationSettingsDialog onClose={() => setSettings(false)} /> : null}
    </div>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const { lang, setLang } = useLang();
  const me = useSession((s) => s.me);
  const logout = useSession((s) => s.logout);
  const navigate = useNavigate();
  const [menu, setMenu] = useState(false);
  return (
    <div className="shell">
      <header className="topbar">
        <button type="button" className="btn-icon menu-toggle" onClick={() => setMenu(!menu)} aria-label={t('navMenu')}>
          ☰
        </button>
        <NavLink to="/" className="brand">
          {t('appName')}
        </NavLink>
        <nav className={`nav${menu ? ' nav-open' : ''}`} onClick={() => setMenu(false)}>
          {can(me, 'inbox') || can(me, 'participant') ? (
            <NavLink to="/inbox" data-testid="nav-inbox">
              {t('navInbox')}
            </NavLink>
          ) : null}
          {can(me, 'inbox') ? (
            <NavLink to="/delegations" data-testid="nav-delegations">
              {t('delegations')}
            </NavLink>
          ) : null}
          {can(me, 'monitor') ? (
            <NavLink to="/monitor" data-testid="nav-monitor">
              {t('navMonitor')}
            </NavLink>
          ) : null}
          {can(me, 'monitor') ? (
            <NavLink to="/reports" data-testid="nav-reports">
              {t('navReports')}
            </NavLink>
          ) : null}
          {can(me, 'designer') ? (
            <NavLink to="/designer" data-testid="nav-designer">
              {t('navDesigner')}
            </NavLink>
          ) : null}
        </nav>
        <div className="topbar-right">
          <Bell />
          <button type="button" className="btn-text" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
            {t('language')}
          </button>
          <span className="me" data-testid="me-name">
            {me?.name}
          </span>
          <button
            type="button"
            className="btn-text"
            data-testid="logout"
            onClick={async () => {
              await logout();
              navigate('/login');
            }}
          >
            {t('logout')}
          </button>
        </div>
      </header>
      <main className="main">{children}</main>
    </div>
  );
}
