/**
 * The role catalogue — domain/procedures.md §7, plus the system roles of this product and the
 * roles the built-in procedures use beyond §7 — and the roles that supervise (督办). One list:
 * the authoring builder names a procedure's roles from it, the API serves it (`GET /api/roles`)
 * and checks grants against it, the engine takes the supervisors from it.
 */
import type { OrgLevel } from './org.js';

export interface CatalogueRole {
  code: string;
  /** 中文名, as the procedures and the admin screen show it. */
  name: string;
  /** The level the role is held at; none: any unit (system roles, 信访人). */
  level?: OrgLevel;
  /** Where the role comes from: §7 of the domain rules, the product itself, or a built-in procedure. */
  source: '§7' | 'system' | 'procedure';
}

export const ROLE_CATALOGUE: readonly CatalogueRole[] = [
  { code: 'ADMIN', name: '系统管理员', source: 'system' },
  { code: 'PROC_ADMIN', name: '流程管理员', source: 'system' },
  { code: 'TWN_SEC', name: '乡镇党委书记', level: 'township', source: '§7' },
  { code: 'TWN_MAYOR', name: '乡镇长', level: 'township', source: '§7' },
  { code: 'TWN_DEP_SEC_ORG', name: '分管党群副书记/组织委员', level: 'township', source: '§7' },
  { code: 'TWN_XF_LEADER', name: '分管信访领导', level: 'township', source: '§7' },
  { code: 'TWN_DEPT', name: '科办(中心)主任/承办人', level: 'township', source: '§7' },
  { code: 'TWN_XF_OFFICE', name: '镇信访办/信访接待中心', level: 'township', source: '§7' },
  { code: 'TWN_LIAISON', name: '包村干部/联村组团', level: 'township', source: '§7' },
  { code: 'TWN_DISC', name: '镇纪委', level: 'township', source: '§7' },
  { code: 'TWN_NPC', name: '镇人大主席团/人大代表', level: 'township', source: '§7' },
  { code: 'DM_STATION', name: '动态管理站站长/副站长', level: 'township', source: '§7' },
  { code: 'DM_CENTER', name: '县动态管理监控及管理中心', level: 'county', source: '§7' },
  { code: 'COUNTY_ORG', name: '县委组织部/基层办', level: 'county', source: '§7' },
  { code: 'VIL_PARTY', name: '村党组织(书记、支委)', level: 'village', source: '§7' },
  { code: 'VIL_COMM', name: '村民委员会(主任、委员)', level: 'village', source: '§7' },
  { code: 'VIL_SUPERV', name: '村务监督委员会', level: 'village', source: '§7' },
  { code: 'VIL_REP', name: '村民代表', level: 'village', source: '§7' },
  { code: 'PARTY_MEMBER', name: '正式党员', level: 'village', source: '§7' },
  { code: 'DM_OFFICER', name: '村动态管理员(包村干部)', level: 'village', source: '§7' },
  { code: 'INFO_OFFICER', name: '信息员', level: 'village', source: '§7' },
  { code: 'FIRST_SEC', name: '第一书记', level: 'village', source: '§7' },
  { code: 'GRID_BIG', name: '大网格长', level: 'village', source: '§7' },
  { code: 'GRID_MID', name: '中网格长', level: 'village', source: '§7' },
  { code: 'GRID_SMALL', name: '小网格长', level: 'group', source: '§7' },
  { code: 'GRID_1L3Y', name: '一长三员', level: 'grid', source: '§7' },
  { code: 'SUB_BRANCH', name: '二级支部书记/委员', level: 'group', source: '§7' },
  { code: 'GROUP_LEADER', name: '村民小组长', level: 'group', source: '§7' },
  { code: 'HOUSEHOLD', name: '户主', level: 'group', source: '§7' },
  { code: 'PETITIONER', name: '信访人/信访代表', source: '§7' },
  { code: 'VILLAGER', name: '村民', level: 'group', source: '§7' },
  { code: 'TWN_MATTER_LEADER', name: '分管该事项的镇领导', level: 'township', source: 'procedure' },
  { code: 'COUNTY_XF', name: '复查机关（原办理机关的上一级机关）', level: 'county', source: 'procedure' },
  { code: 'XF_REEXAM', name: '复核机关（复查机关的上一级机关）', level: 'county', source: 'procedure' },
  { code: 'COUNTY_COMMITTEE', name: '县委全委会委员', level: 'county', source: 'procedure' },
  { code: 'COUNTY_DEPT', name: '县直责任部门（牵头单位）', level: 'county', source: 'procedure' },
  { code: 'LEGAL_ADVISOR', name: '村法律顾问', level: 'village', source: 'procedure' },
  // Operations: reads encrypted Temporal payloads in the Web UI through /api/codec/decode (audited, masked).
  { code: 'OPS_DECODER', name: '运维解码员', source: 'system' },
];

const BY_CODE = new Map(ROLE_CATALOGUE.map((r) => [r.code, r]));

export function catalogueRole(code: string): CatalogueRole | undefined {
  return BY_CODE.get(code);
}

/**
 * Citizen roles (群众): residents who petition, apply or suggest, holding no office — never handed
 * a task or a copy of a case (server/auth/roles.ts), never offered as a 抄送 role in the designer.
 */
export const CITIZEN_ROLE_CODES: readonly string[] = ['PETITIONER', 'HOUSEHOLD', 'VILLAGER'];

/** Roles that may work on or be copied on a case: neither a citizen's nor a system role. */
export const CASEWORK_CATALOGUE: readonly CatalogueRole[] = ROLE_CATALOGUE.filter((r) => r.source !== 'system' && !CITIZEN_ROLE_CODES.includes(r.code));

/** The roles of §7 (and 村民) that the built-in procedures name by code alone; each is held by someone in the demo directory. */
export const SECTION_7_ROLES: readonly CatalogueRole[] = ROLE_CATALOGUE.filter((r) => r.source === '§7');

/**
 * Roles that supervise (督办) cases in their unit and below: they see the monitor board, and the
 * engine lets them urge, extend, suspend, escalate, reassign and resolve incidents.
 */
export const SUPERVISOR_ROLES = ['TWN_SEC', 'TWN_MAYOR', 'TWN_DEP_SEC_ORG', 'TWN_XF_LEADER', 'DM_STATION', 'DM_CENTER', 'COUNTY_ORG'] as const;

/**
 * Roles that draw and publish procedures (流程管理员, and the system administrator): the designer
 * is theirs, and so is moving the running cases of their units to another version (migration).
 */
export const DESIGNER_ROLES = ['PROC_ADMIN', 'ADMIN'] as const;
