/** Who did what when: the case timeline, newest last, times in Asia/Shanghai. */
import type { TimelineEntry } from '../../../workflows/types.js';
import { formatDateTime } from '../lib/format.js';
import { useLang, useT } from '../lib/i18n.js';

const TYPE_ZH: Record<string, string> = {
  'case.started': '发起',
  'case.ended': '办结',
  'case.error': '流程出错',
  'case.suspended': '中止',
  'case.resumed': '恢复',
  'case.terminated': '终止',
  'case.withdrawn': '撤回',
  comment: '评论',
  'node.entered': '进入环节',
  'publicity.started': '开始公示',
  'publicity.ended': '公示结束',
  'publicity.objection': '提出异议',
  'route.conditionError': '条件求值出错',
  'service.callout': '外部调用',
  'service.light': '亮灯',
  'service.notice': '生成文书',
  'service.notified': '发送通知',
  'service.setData': '写入数据',
  'subprocess.started': '子流程开始',
  'subprocess.ended': '子流程结束',
  'task.claimed': '签收',
  'task.completed': '办结',
  'task.created': '生成待办',
  'task.delegated': '委托',
  'task.escalated': '督办',
  'task.extended': '延期',
  'task.overdue': '超期',
  'task.reminded': '提醒',
  'task.returned': '退回',
  'task.signed': '会签',
  'task.signersAdded': '加签',
  'task.transferred': '转办',
  'task.unclaimed': '退回签收',
  'task.urged': '催办',
  'task.warning': '临期预警',
  'timer.started': '开始计时',
  'vote.ballotCast': '投票',
  'vote.closed': '结束投票',
  'vote.decided': '表决结果',
  'vote.revote': '另行选举',
  'vote.round': '表决轮次',
  'vote.tallyConfirmed': '监票确认',
  'vote.tallyRejected': '监票退回',
  'vote.tallySubmitted': '录入计票',
};

export function Timeline({ entries, nodeName }: { entries: TimelineEntry[]; nodeName?: (id: string) => string | undefined }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  if (entries.length === 0) return <div className="empty">{t('empty')}</div>;
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((e, i) => (
        <li key={i} className={`tl tl-${e.type.replace(/\./g, '-')}`}>
          <time>{formatDateTime(e.at, lang)}</time>
          <div>
            <strong>{e.actorName ?? e.actor}</strong> · {lang === 'zh' ? (TYPE_ZH[e.type] ?? e.type) : e.type}
            {e.nodeId ? <span className="muted"> · {nodeName?.(e.nodeId) ?? e.nodeId}</span> : null}
            {e.comment ? <p className="tl-comment">{e.comment}</p> : null}
            {Array.isArray(e.detail?.explanation) ? (
              <ul className="explanation">
                {(e.detail.explanation as string[]).map((x, j) => (
                  <li key={j}>{x}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
