import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthorizedHandler } from './lib/api.js';
import { designerReads, designerRoute, prefetch } from './lib/prefetch.js';
import { homePath, useSession } from './lib/session.js';
import { Shell } from './components/shell.js';
import { Loading } from './components/ui.js';
import { LoginPage } from './pages/login-page.js';
import { DesignerListPage } from './pages/designer-list-page.js';
import { InboxPage } from './pages/inbox-page.js';
import { TaskPage } from './pages/task-page.js';
import { CaseListPage } from './pages/case-list-page.js';

const loadDesignerPage = () => import('./pages/designer-page.js');
// Opening a definition by its address: fetch the editor and the definition while the session is
// still being checked (a 401 answers both the same way).
const openedDesigner = typeof location === 'undefined' ? undefined : designerRoute(location.pathname);
if (openedDesigner) {
  void loadDesignerPage();
  const reads = designerReads(openedDesigner.key, openedDesigner.version);
  prefetch(reads.versions);
  prefetch(reads.definition);
}
const DesignerPage = lazy(() => loadDesignerPage().then((m) => ({ default: m.DesignerPage })));
const CasePage = lazy(() => import('./pages/case-page.js').then((m) => ({ default: m.CasePage })));
const MonitorPage = lazy(() => import('./pages/monitor-page.js').then((m) => ({ default: m.MonitorPage })));
const ProcessViewPage = lazy(() => import('./pages/process-view-page.js').then((m) => ({ default: m.ProcessViewPage })));
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
    void refresh();
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
                <Suspense fallback={<Loading />}>
                <Routes>
                  <Route path="/" element={<Home />} />
                  <Route path="/designer" element={<DesignerListPage />} />
                  <Route path="/designer/:key" element={<DesignerPage />} />
                  <Route path="/designer/:key/v/:version" element={<DesignerPage />} />
                  <Route path="/process/:key" element={<ProcessViewPage />} />
                  <Route path="/inbox" element={<InboxPage />} />
                  <Route path="/tasks/:caseId/:taskId" element={<TaskPage />} />
                  <Route path="/cases" element={<CaseListPage />} />
                  <Route path="/cases/:caseId" element={<CasePage />} />
                  <Route path="/monitor" element={<MonitorPage />} />
                  <Route path="*" element={<Home />} />
                </Routes>
                </Suspense>
              </Shell>
            </RequireLogin>
          }
        />
      </Routes>
    </BrowserRouter>
  );
}
