import type { BoardCell, OrgUnit } from '../../../api/index.js';

export interface BoardRow {
  id: string;
  name: string;
  level: OrgUnit['level'];
  /** 0 for a township (or the top unit shown), 1 for its villages, 2 for their groups and grids. */
  depth: number;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');

/**
 * Rows are org units in tree order — each 镇 followed by its 村, each 村 by its 组 — and columns
 * procedures, both sorted by Chinese name; a missing cell is an empty one.
 */
export function boardGrid(cells: BoardCell[], units: OrgUnit[]) {
  const procedures = new Map<string, string>();
  const at = new Map<string, BoardCell>();
  for (const c of cells) {
    procedures.set(c.procedure, c.procedureTitle);
    at.set(`${c.orgUnit}|${c.procedure}`, c);
  }
  const known = new Map(units.map((u) => [u.id, u]));
  // A cell whose unit the answer did not describe still gets a row.
  for (const c of cells) if (!known.has(c.orgUnit)) known.set(c.orgUnit, { id: c.orgUnit, name: c.orgUnitName, level: 'village', parentId: null });
  const children = new Map<string | null, OrgUnit[]>();
  for (const u of known.values()) {
    const parent = u.parentId && known.has(u.parentId) && known.get(u.parentId)!.level !== 'county' ? u.parentId : null;
    if (u.level === 'county') continue;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const rows: BoardRow[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of [...(children.get(parent) ?? [])].sort(byName)) {
      rows.push({ id: u.id, name: u.name, level: u.level, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return {
    rows,
    procedures: [...procedures].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN')),
    cell: (unit: string, procedure: string) => at.get(`${unit}|${procedure}`),
  };
}
