/**
 * Issue 18's raw-text check: one user of every role set of the demo directory walks every page they
 * reach (page-walk.ts: the inbox tabs, tasks and cases, the case list, the monitor and its bulk
 * preview, the designer, the bell, the start dialog) in zh-CN, and no page may show a raw
 * identifier, an ISO timestamp, a role code or English left untranslated (raw-text.ts).
 * RAW_TEXT_USERS=a,b limits the walk while working on it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { walkAs } from './page-walk.js';
import { rawTextFindings } from './raw-text.js';
import { DEMO_PASSWORD, loginAs, logout, ROOT, useWebStack } from './web.js';

interface DemoUser {
  id: string;
  username?: string;
  grants: { role: string }[];
}

/** The first user of every distinct set of roles: every role's pages, without walking 75 users. */
function oneUserPerRoleSet(): string[] {
  const users = (JSON.parse(readFileSync(`${ROOT}procedures/demo/directory.json`, 'utf8')) as { users: DemoUser[] }).users;
  const seen = new Set<string>();
  const picked: string[] = [];
  for (const u of users) {
    const key = [...new Set(u.grants.map((g) => g.role))].sort().join('+');
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push(u.username ?? u.id);
  }
  const only = process.env.RAW_TEXT_USERS?.split(',').filter(Boolean);
  return only ? picked.filter((u) => only.includes(u)) : picked;
}

const web = useWebStack();

describe('no raw text on any page for any role (zh-CN)', () => {
  it.each(oneUserPerRoleSet())('%s', async (username) => {
    const { page } = web.browser;
    if (await page.getByTestId('logout').count()) await logout(page);
    await loginAs(page, web.stack.url, username, DEMO_PASSWORD);
    const pages = await walkAs(page, web.stack.url, { perList: 2 });
    expect(pages.length).toBeGreaterThan(0);
    const findings = pages.flatMap((p) => rawTextFindings(p.text).map((f) => `${p.where} · ${f.kind} · ${f.token} · ${f.line}`));
    expect([...new Set(findings)]).toEqual([]);
  });
});
