/**
 * Words that replace the engine's own where a page used to show them (issue 18, plain Chinese):
 * the system as an actor, merged into the one dictionary (i18n.ts).
 */
export const PLAIN_ZH = {
  systemActor: '系统',
};

export const PLAIN_EN: Record<keyof typeof PLAIN_ZH, string> = {
  systemActor: 'System',
};
