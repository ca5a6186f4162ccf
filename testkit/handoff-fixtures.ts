/**
 * The 信访办 hand-off procedures of the e2e journeys (转办/拿回/委托, 减签/驳回到任意节点): the same
 * roles, starters and 事项名称 field on the demo directory's 径山镇, with each journey's own steps.
 */
export const HANDOFF_ROLES = [
  { key: 'TWN_XF_OFFICE', name: '信访办', level: 'township' },
  { key: 'TWN_DEPT', name: '镇职能科室', level: 'township' },
  { key: 'TWN_XF_LEADER', name: '分管信访领导', level: 'township' },
] as const;

/** Five working days, no automatic action: the journeys act well within it. */
export const FIVE_WORKING_DAYS = { duration: { amount: 5, unit: 'workingDays' }, timeoutAction: 'none' } as const;

export function handOffDefinition(key: string, title: string, nodes: unknown[], edges: unknown[]) {
  return {
    key,
    version: 1,
    schemaVersion: 1,
    title,
    category: '信访',
    roles: HANDOFF_ROLES,
    starterRoles: ['TWN_XF_OFFICE'],
    fields: [{ key: 'summary', label: '事项名称', type: 'text' }],
    params: [],
    nodes,
    edges,
  };
}
