import { useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthorizedHandler } from './lib/api.js';
import { lazyPage } from './lib/lazy-page.js';
import { designerReads, designerRoute, prefetch } from './lib/prefetch.js';
import { homePath, useSession } from './lib/session.js';
import { Shell } from './shell/shell.js';
import { Loading } from './shell/ui.js';
import { LoginPage } from './shell/login-page.js';
import { DesignerListPage } from './designer/designer-list-page.js';
import { InboxPage } from './inbox/inbox-page.js';
import { TaskPage } from './inbox/task-page.js';
import { DelegationsPage } from './inbox/delegations-page.js';
import { CaseListPage } from './case/case-list-page.js';

const designer = lazyPage(() => import('./designer/designer-page.js').then((m) => m.DesignerPage));
const migration = lazyPage(() => import('./designer/migration-page.js').then((m) => m.MigrationPage));
const casePage = lazyPage(() => import('./case/case-page.js').then((m) => m.CasePage));
const monitor = lazyPage(() => import('./monitor/monitor-page.js').then((m) => m.MonitorPage));
const processView = lazyPage(() => import('./monitor/process-view-page.js').then((m) => m.ProcessViewPage));

// Who is signed in is asked at once, not after the first render: every signed-in page waits for it.
if (typeof location !== 'undefined') void useSession.getState().refresh();
// Opening a definition by its address: fetch the editor and the definition while the session is
// still being checked (a 401 answers both the same way).
const openedDesigner = typeof location === 'undefined' ? undefined : designerRoute(location.pathname);
if (openedDesigner) {
  void designer.preload().catch(() => undefined); // a failure shows when the page renders
  const reads = designerReads(openedDesigner.key, openedDesigner.version);
  prefetch(reads.versions);
  prefetch(reads.definition);
}

function RequireLogin({ children }: { children: React.ReactNode }) {
  const status = useSession((s) => s.status);
  const location = useLocation();
  if (status === 'unknown') return <Loading />;
  if (status === 'out') return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

function Home() {
  const me = useSession((s) => s.me);
  return <Navigate to={homePath(me)} replace />;
}

function SessionBoot() {
  const refresh = useSession((s) => s.refresh);
  const signedOut = useSession((s) => s.signedOut);
  const navigate = useNavigate();
  useEffect(() => {
    if (useSession.getState().status === 'unknown') void refresh();
    setUnauthorizedHandler(() => {
      signedOut();
      if (!location.pathname.startsWith('/login')) navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    });
  }, [refresh, signedOut, navigate]);
  return null;
}

export function App() {
  return (
    <BrowserRouter>
      <SessionBoot />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/*"
          element={
            <RequireLogin>
              <Shell>
                <Routes>
                  <Route path="/" element={<Home />} />
                  <Route path="/designer" element={<DesignerListPage />} />
                  <Route path="/designer/:key" element={<designer.Page />} />
                  <Route path="/designer/:key/v/:version" element={<designer.Page />} />
                  <Route path="/designer/:key/migrate" element={<migration.Page />} />
                  <Route path="/process/:key" element={<processView.Page />} />
                  <Route path="/inbox" element={<InboxPage />} />
                  <Route path="/tasks/:caseId/:taskId" element={<TaskPage />} />
                  <Route path="/delegations" element={<DelegationsPage />} />
                  <Route path="/cases" element={<CaseListPage />} />
                  <Route path="/cases/:caseId" element={<casePage.Page />} />
                  <Route path="/monitor" element={<monitor.Page />} />
                  <Route path="*" element={<Home />} />
                </Routes>
              </Shell>
            </RequireLogin>
          }
        />
      </Routes>
    </BrowserRouter>
  );
}
