/**
 * Just enough of CloudFormation's intrinsic functions to read the generated IAM policy as AWS
 * would see it at deploy time (pseudo parameters get fixed sample values).
 */
export const PSEUDO = Object.freeze({
  'AWS::Partition': 'aws',
  'AWS::Region': 'eu-west-1',
  'AWS::AccountId': '123456789012',
  'AWS::NoValue': undefined,
} as Record<string, string | undefined>);

export interface Template {
  readonly Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  readonly Conditions?: Record<string, unknown>;
}

export function evaluate(node: unknown, template: Template): unknown {
  if (Array.isArray(node)) return node.map((item) => evaluate(item, template));
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node);
  const [key, arg] = entries[0] ?? [];
  if (entries.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))) {
    return intrinsic(key, arg, template);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, evaluate(v, template)]));
}

function intrinsic(name: string, arg: unknown, template: Template): unknown {
  const args = (): unknown[] => evaluate(arg, template) as unknown[];
  switch (name) {
    case 'Ref':
      if (typeof arg === 'string' && arg in PSEUDO) return PSEUDO[arg];
      throw new Error(`Ref to ${String(arg)} is not a pseudo parameter`);
    case 'Fn::Join': {
      const [separator, parts] = args() as [string, unknown[]];
      return parts.join(separator);
    }
    case 'Fn::Split': {
      const [separator, text] = args() as [string, string];
      return text.split(separator);
    }
    case 'Fn::Select': {
      const [index, list] = args() as [number | string, unknown[]];
      return list[Number(index)];
    }
    case 'Fn::Equals': {
      const [a, b] = args();
      return a === b;
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = arg as [string, unknown, unknown];
      return evaluate(evaluateCondition(condition, template) ? whenTrue : whenFalse, template);
    }
    case 'Fn::Sub':
      return String(arg).replace(/\$\{([\w:]+)\}/g, (_, ref: string) => String(PSEUDO[ref]));
    case 'Fn::GetAtt':
      return `<${(arg as string[]).join('.')}>`;
    default:
      throw new Error(`Unsupported intrinsic ${name}`);
  }
}

function evaluateCondition(name: string, template: Template): boolean {
  const definition = template.Conditions?.[name];
  if (definition === undefined) throw new Error(`Unknown condition ${name}`);
  return evaluate(definition, template) === true;
}
