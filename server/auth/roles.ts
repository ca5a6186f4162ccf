/**
 * The role catalogue (domain/procedures.md §7) plus the system roles of this product, and the
 * capabilities the web app shows navigation by.
 */
import type { RoleGrant } from '../../workflows/types.js';

export type OrgLevel = 'county' | 'township' | 'village' | 'group' | 'grid';

export const ROLE_CATALOGUE: readonly { code: string; name: string; level: OrgLevel | 'any' }[] = [
  { code: 'ADMIN', name: '系统管理员', level: 'any' },
  { code: 'PROC_ADMIN', name: '流程管理员', level: 'any' },
  { code: 'TWN_SEC', name: '乡镇党委书记', level: 'township' },
  { code: 'TWN_MAYOR', name: '乡镇长', level: 'township' },
  { code: 'TWN_DEP_SEC_ORG', name: '分管副书记 / 组织委员', level: 'township' },
  { code: 'TWN_XF_LEADER', name: '分管信访领导', level: 'township' },
  { code: 'TWN_DEPT', name: '科办(中心) 主任/承办人', level: 'township' },
  { code: 'TWN_XF_OFFICE', name: '信访办 / 信访接待中心', level: 'township' },
  { code: 'TWN_LIAISON', name: '包村干部 / 驻村干部', level: 'township' },
  { code: 'TWN_DISC', name: '镇纪委', level: 'township' },
  { code: 'TWN_NPC', name: '镇人大主席团 / 人大代表', level: 'township' },
  { code: 'DM_STATION', name: '动态管理站 站长', level: 'township' },
  { code: 'DM_CENTER', name: '县/市 动态管理监控中心', level: 'county' },
  { code: 'COUNTY_ORG', name: '县委组织部 / 基层办', level: 'county' },
  { code: 'VIL_PARTY', name: '村党组织 (书记、支委)', level: 'village' },
  { code: 'VIL_COMM', name: '村民委员会 (主任、委员)', level: 'village' },
  { code: 'VIL_SUPERV', name: '村务监督委员会', level: 'village' },
  { code: 'VIL_REP', name: '村民代表', level: 'village' },
  { code: 'PARTY_MEMBER', name: '党员', level: 'village' },
  { code: 'DM_OFFICER', name: '村动态管理员', level: 'village' },
  { code: 'INFO_OFFICER', name: '信息员', level: 'village' },
  { code: 'FIRST_SEC', name: '第一书记', level: 'village' },
  { code: 'GRID_BIG', name: '大网格长', level: 'village' },
  { code: 'GRID_MID', name: '中网格长', level: 'village' },
  { code: 'GRID_SMALL', name: '小网格长', level: 'group' },
  { code: 'GRID_1L3Y', name: '一长三员', level: 'grid' },
  { code: 'SUB_BRANCH', name: '二级支部 书记/委员', level: 'group' },
  { code: 'GROUP_LEADER', name: '村民小组长', level: 'group' },
  { code: 'HOUSEHOLD', name: '户主', level: 'group' },
  { code: 'PETITIONER', name: '信访人 / 信访代表', level: 'any' },
  { code: 'VILLAGER', name: '村民', level: 'group' },
  // Roles the built-in procedures use beyond §7.
  { code: 'TWN_MATTER_LEADER', name: '分管该事项的镇领导', level: 'township' },
  { code: 'COUNTY_XF', name: '复查机关（原办理机关的上一级机关）', level: 'county' },
  { code: 'XF_REEXAM', name: '复核机关（复查机关的上一级机关）', level: 'county' },
  { code: 'COUNTY_COMMITTEE', name: '县委全委会委员', level: 'county' },
  { code: 'COUNTY_DEPT', name: '县直责任部门（牵头单位）', level: 'county' },
  { code: 'LEGAL_ADVISOR', name: '村法律顾问', level: 'village' },
  // Operations: reads encrypted Temporal payloads in the Web UI through /api/codec/decode (audited, masked).
  { code: 'OPS_DECODER', name: '运维解码员', level: 'any' },
];

/**
 * `inbox`: staff — works cases of the units their grants cover (待办 with role-claimable tasks, the
 * case list of those units, the user directory). `participant`: a citizen — sees and acts only on
 * the cases they are part of (started, assigned, voting, 抄送) and starts the procedures that name
 * their role as a starter; never the user directory.
 */
export const CAPABILITIES = ['designer', 'inbox', 'participant', 'monitor', 'admin', 'xinfang', 'ops'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * Citizen roles (群众): residents who petition, apply or suggest, holding no office. Their grants
 * give no org scope: a 信访人 of 径山村 does not see 径山村's cases, only their own. 村民代表 and 党员
 * are not among them: they sit in the bodies that deliberate the village's matters (村民代表会议
 * oversees the 村委会, 党员大会 reviews 四议 matters) and read those cases, as they did.
 */
export const CITIZEN_ROLES: ReadonlySet<string> = new Set(['PETITIONER', 'HOUSEHOLD', 'VILLAGER']);
/** System roles: they run the system, not cases (no task is ever theirs to take over). */
export const SYSTEM_ROLES: ReadonlySet<string> = new Set(['ADMIN', 'PROC_ADMIN']);

export const isStaffGrant = (g: RoleGrant) => !CITIZEN_ROLES.has(g.role);
/** A role that may be handed a task (转办/委托/加签/抄送): neither a citizen's nor a system role. */
export const isCaseworkRole = (role: string) => !CITIZEN_ROLES.has(role) && !SYSTEM_ROLES.has(role);

const DESIGNER_ROLES = new Set(['PROC_ADMIN', 'ADMIN']);
const ADMIN_ROLES = new Set(['ADMIN']);
/** Decoding Temporal payloads is its own right, not an administrator's (issue 14). */
const OPS_ROLES = new Set(['OPS_DECODER']);
export const MONITOR_ROLES = new Set(['TWN_SEC', 'TWN_MAYOR', 'TWN_DEP_SEC_ORG', 'TWN_XF_LEADER', 'DM_STATION', 'DM_CENTER', 'COUNTY_ORG']);
/** 信访 roles see petitioners' personal data; the county 信访 bureau and the review body handle the same cases. */
export const XINFANG_ROLES = new Set(['TWN_XF_OFFICE', 'TWN_XF_LEADER', 'TWN_MATTER_LEADER', 'TWN_SEC', 'TWN_MAYOR', 'COUNTY_XF', 'XF_REEXAM']);

export function capabilitiesOf(grants: readonly RoleGrant[]): Capability[] {
  const roles = new Set(grants.map((g) => g.role));
  const has = (set: Set<string>) => [...roles].some((r) => set.has(r));
  const caps: Capability[] = [];
  if (has(DESIGNER_ROLES)) caps.push('designer');
  // Everyone who holds a staff role somewhere has an inbox (system administrators too); citizens see their own part.
  if (grants.some(isStaffGrant)) caps.push('inbox');
  else if (grants.length > 0) caps.push('participant');
  if (has(MONITOR_ROLES)) caps.push('monitor');
  if (has(ADMIN_ROLES)) caps.push('admin');
  if (has(XINFANG_ROLES)) caps.push('xinfang');
  if (has(OPS_ROLES)) caps.push('ops');
  return caps;
}

/** The role's name in the catalogue (the code when it is not there). */
export function roleName(code: string): string {
  return ROLE_CATALOGUE.find((r) => r.code === code)?.name ?? code;
}
