/** Every validation issue; clicking one selects its node or edge on the canvas. */
import { selectOnly } from './graph/editor-ops.js';
import { useEditor } from './graph/editor-store.js';
import { pinIssue } from './graph/issues-map.js';
import { useT } from '../lib/i18n.js';
import { useCanvasView } from '../canvas/canvas-view.js';

export function IssueList({ onPick }: { onPick: (id: string, type: 'node' | 'edge') => void }) {
  const t = useT();
  const issues = useEditor((s) => s.issues);
  const { focusNode } = useCanvasView();
  if (issues.length === 0)
    return (
      <div className="issues-ok" data-testid="issues-ok">
        ✓ {t('noIssues')}
      </div>
    );
  const def = useEditor.getState().definition();
  return (
    <ul className="issue-list" data-testid="issue-list">
      {issues.map((raw, i) => {
        const issue = pinIssue(raw, def);
        const target = issue.nodeId ?? issue.edgeId;
        return (
          <li key={i}>
            <button
              type="button"
              className={`issue issue-${issue.severity}`}
              data-testid="issue"
              data-code={issue.code}
              data-node-id={issue.nodeId}
              onClick={() => {
                if (!target) return;
                useEditor.setState((s) => ({ doc: selectOnly(s.doc, target) }));
                onPick(target, issue.nodeId ? 'node' : 'edge');
                if (issue.nodeId) focusNode(issue.nodeId, 300);
              }}
            >
              <span className="issue-sev">{issue.severity === 'error' ? '✕' : '!'}</span>
              <span>{issue.message}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
