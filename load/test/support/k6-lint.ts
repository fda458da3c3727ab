// Lints the k6 scripts of load/k6/: every objective has a threshold. An objective is a
// metric the script creates (new Counter/Rate/Trend/Gauge('name')) and, for scripts that
// send HTTP, the built-in http_req_failed and http_req_duration. Every scenario must be
// open-loop (an arrival-rate executor): a closed loop would slow down with the system
// under test and hide the outage it is meant to measure.
import ts from 'typescript';

export interface K6Lint {
  metrics: string[];
  thresholds: string[];
  executors: string[];
  problems: string[];
}

function keyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

export function lintK6Script(source: string, fileName = 'script.ts'): K6Lint {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS);
  const metrics: string[] = [];
  const thresholds: string[] = [];
  const executors: string[] = [];
  let usesHttp = false;
  let options: ts.ObjectLiteralExpression | undefined;

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === 'k6/http') usesHttp = true;
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && ['Counter', 'Rate', 'Trend', 'Gauge'].includes(node.expression.text)) {
      const first = node.arguments?.[0];
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) metrics.push(first.text);
    }
    if (ts.isVariableStatement(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const declaration of node.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === 'options' && declaration.initializer && ts.isObjectLiteralExpression(declaration.initializer)) options = declaration.initializer;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);

  const problems: string[] = [];
  if (!options) problems.push('no `export const options = { ... }` object literal');
  for (const property of options?.properties ?? []) {
    if (!ts.isPropertyAssignment(property)) continue;
    const name = keyName(property.name);
    if (name === 'thresholds' && ts.isObjectLiteralExpression(property.initializer)) {
      for (const threshold of property.initializer.properties) {
        if (!ts.isPropertyAssignment(threshold)) continue;
        const metric = keyName(threshold.name);
        const list = threshold.initializer;
        if (metric && ts.isArrayLiteralExpression(list) && list.elements.length > 0) thresholds.push(metric);
        else if (metric) problems.push(`threshold on ${metric} has no expression`);
      }
    }
    if (name === 'scenarios' && ts.isObjectLiteralExpression(property.initializer)) {
      for (const scenario of property.initializer.properties) {
        if (!ts.isPropertyAssignment(scenario) || !ts.isObjectLiteralExpression(scenario.initializer)) continue;
        for (const field of scenario.initializer.properties) {
          if (ts.isPropertyAssignment(field) && keyName(field.name) === 'executor' && ts.isStringLiteral(field.initializer)) executors.push(field.initializer.text);
        }
      }
    }
  }
  const objectives = [...metrics, ...(usesHttp ? ['http_req_failed', 'http_req_duration'] : [])];
  for (const objective of objectives) if (!thresholds.includes(objective)) problems.push(`no threshold on ${objective}`);
  if (executors.length === 0) problems.push('no scenario with an executor');
  for (const executor of executors) if (!executor.endsWith('arrival-rate')) problems.push(`scenario executor ${executor} is closed-loop; use constant-arrival-rate or ramping-arrival-rate`);
  return { metrics, thresholds, executors, problems };
}
