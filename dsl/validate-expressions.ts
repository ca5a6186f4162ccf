/**
 * Static checks of CEL expressions: syntax, size (EXPRESSION_LIMITS), and that every variable, `data.X` and `params.X`
 * they read is declared. Variables bound by macros (`list.exists(x, …)`, `cel.bind(v, …)`) are
 * local, not roots.
 */
import { compileExpression, expressionComplexityProblem, expressionRefs, expressionSyntaxError, EXPRESSION_ROOTS } from './expressions.js';

const BINDING_MACROS = new Set(['all', 'exists', 'exists_one', 'existsOne', 'map', 'filter', 'bind', 'transformList', 'transformMap']);

type Ast = { op?: string; args?: unknown };

/** Identifiers bound by comprehension macros anywhere in the expression. */
function macroVariables(ast: unknown): Set<string> {
  const bound = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Ast;
    if (n.op === 'rcall' && Array.isArray(n.args)) {
      const [name, , callArgs] = n.args as [unknown, unknown, unknown];
      if (typeof name === 'string' && BINDING_MACROS.has(name) && Array.isArray(callArgs)) {
        const first = callArgs[0] as Ast | undefined;
        if (first?.op === 'id' && typeof first.args === 'string') bound.add(first.args);
      }
    }
    walk(n.args);
  };
  walk(ast);
  return bound;
}

export type ExpressionProblem =
  | { code: 'EXPRESSION_SYNTAX'; message: string }
  | { code: 'EXPRESSION_TOO_COMPLEX'; message: string }
  | { code: 'EXPRESSION_UNKNOWN_FIELD'; name: string }
  | { code: 'EXPRESSION_UNKNOWN_PARAM'; name: string }
  | { code: 'EXPRESSION_UNKNOWN_VARIABLE'; name: string };

/** Every problem of one expression against the declared fields and parameters. */
export function expressionProblems(expression: string, fields: ReadonlySet<string>, params: ReadonlySet<string>): ExpressionProblem[] {
  const syntax = expressionSyntaxError(expression);
  if (syntax) return [{ code: 'EXPRESSION_SYNTAX', message: syntax }];
  const tooComplex = expressionComplexityProblem(expression);
  if (tooComplex) return [{ code: 'EXPRESSION_TOO_COMPLEX', message: tooComplex }];
  const refs = expressionRefs(expression);
  const local = macroVariables(compileExpression(expression).ast);
  const roots = new Set<string>(EXPRESSION_ROOTS);
  // `cel` is the namespace of cel.bind, not a variable.
  local.add('cel');
  const problems: ExpressionProblem[] = [];
  for (const r of refs.roots) if (!roots.has(r) && !local.has(r)) problems.push({ code: 'EXPRESSION_UNKNOWN_VARIABLE', name: r });
  for (const f of refs.dataFields) if (!fields.has(f)) problems.push({ code: 'EXPRESSION_UNKNOWN_FIELD', name: f });
  for (const p of refs.params) if (!params.has(p)) problems.push({ code: 'EXPRESSION_UNKNOWN_PARAM', name: p });
  return problems;
}

export function expressionProblemMessage(p: ExpressionProblem, where: string, expression: string): string {
  switch (p.code) {
    case 'EXPRESSION_SYNTAX':
      return `${where}的表达式「${expression}」无法解析：${p.message.replace(/^表达式语法错误：/, '')}`;
    case 'EXPRESSION_TOO_COMPLEX':
      return `${where}的表达式「${expression.length > 80 ? `${expression.slice(0, 80)}…` : expression}」过于复杂：${p.message}。请拆成几步（例如先用「设置数据」环节算出中间结果）`;
    case 'EXPRESSION_UNKNOWN_FIELD':
      return `${where}的表达式「${expression}」引用了未定义的字段 data.${p.name}，请先在表单字段中定义它或改正字段名`;
    case 'EXPRESSION_UNKNOWN_PARAM':
      return `${where}的表达式「${expression}」引用了未定义的参数 params.${p.name}，请先在参数中定义它`;
    case 'EXPRESSION_UNKNOWN_VARIABLE':
      return `${where}的表达式「${expression}」使用了未知变量「${p.name}」，只能使用 ${EXPRESSION_ROOTS.join('、')}（字段请写 data.${p.name}）`;
    default: {
      const never: never = p;
      return never;
    }
  }
}
