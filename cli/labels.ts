/** zh-CN labels of engine states for human output. */
import type { CaseStatus, Health, TaskStatus } from '../workflows/types.js';

export const STATUS_LABEL: Record<CaseStatus, string> = {
  running: '办理中',
  suspended: '已中止',
  completed: '已办结',
  withdrawn: '已撤回',
  terminated: '已终止',
  failed: '异常中断',
};

export const HEALTH_LABEL: Record<Health, string> = { green: '🟢 绿灯', yellow: '🟡 黄灯', red: '🔴 红灯' };

export const TASK_STATUS_LABEL: Record<TaskStatus, string> = { open: '待办', claimed: '已签收', done: '已办结', cancelled: '已取消' };

export const KIND_LABEL: Record<'task' | 'vote' | 'publicity', string> = { task: '任务', vote: '表决', publicity: '公示' };

export const label = <K extends string>(map: Record<K, string>, key: string): string => (map as Record<string, string>)[key] ?? key;
