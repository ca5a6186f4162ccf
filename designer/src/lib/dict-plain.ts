/**
 * Words that replace the engine's own where a page used to show them (issue 18, plain Chinese):
 * the phone menu's button, the accessible names of unlabelled inputs (read out and hovered, so
 * checked like any text). Merged into the one dictionary (i18n.ts).
 */
export const PLAIN_ZH = {
  navMenu: '菜单',
  selectAll: '全选',
  chooseFile: '选择文件',
  ruleOp: '比较方式',
  ruleNum: '分子',
  ruleDen: '分母',
  ruleBase: '比例基数',
  actionCode: '按钮代码',
  actionText: '按钮文字',
  fieldCode: '字段代码',
  fieldName: '字段名称',
  fieldKind: '字段类型',
};

export const PLAIN_EN: Record<keyof typeof PLAIN_ZH, string> = {
  navMenu: 'Menu',
  selectAll: 'Select all',
  chooseFile: 'Choose file',
  ruleOp: 'Comparison',
  ruleNum: 'Numerator',
  ruleDen: 'Denominator',
  ruleBase: 'Base',
  actionCode: 'Button code',
  actionText: 'Button text',
  fieldCode: 'Field code',
  fieldName: 'Field name',
  fieldKind: 'Field type',
};
