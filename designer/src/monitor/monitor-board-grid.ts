import type { BoardCell } from '../../../api/index.js';

/** Rows are villages, columns procedures; a missing cell is an empty one. */
export function boardGrid(cells: BoardCell[]) {
  const villages = new Map<string, string>();
  const procedures = new Map<string, string>();
  const at = new Map<string, BoardCell>();
  for (const c of cells) {
    villages.set(c.orgUnit, c.orgUnitName);
    procedures.set(c.procedure, c.procedureTitle);
    at.set(`${c.orgUnit}|${c.procedure}`, c);
  }
  return {
    villages: [...villages].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN')),
    procedures: [...procedures].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN')),
    cell: (v: string, p: string) => at.get(`${v}|${p}`),
  };
}

