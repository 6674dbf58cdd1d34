import { AssemblyError } from './assembly-error';
import type { ConfigBlock } from './synthesized-app';
import { parseTemplate, TemplateSyntaxError } from './template';
import { isTerraformObject, type TerraformValue } from './values';

/** The resources a value refers to, as `type.name`, found in its templates. */
function referencesIn(value: TerraformValue | undefined, found: Set<string>): void {
  if (typeof value === 'string') {
    let parts;
    try {
      parts = parseTemplate(value);
    } catch (error) {
      // The resource's reader reports a broken template with its place.
      if (error instanceof TemplateSyntaxError) return;
      throw error;
    }
    for (const part of parts) {
      if (part.kind !== 'interpolation') continue;
      const { expression } = part;
      const text = expression.kind === 'reference' ? expression.path.join('.') : expression.text;
      for (const match of text.matchAll(/\b(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g)) found.add(`${match[1]}.${match[2]}`);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, found);
  } else if (isTerraformObject(value)) {
    for (const [key, item] of Object.entries(value)) if (key !== '//') referencesIn(item, found);
  }
}

/**
 * A stack's resources in an order Terraform could create them: each after the
 * resources it refers to or names in `depends_on`. Otherwise declaration order.
 */
export function creationOrder(resources: readonly ConfigBlock[]): ConfigBlock[] {
  const byKey = new Map(resources.map((resource) => [`${resource.type}.${resource.name}`, resource]));
  const ordered: ConfigBlock[] = [];
  const visiting = new Set<ConfigBlock>();
  const visit = (resource: ConfigBlock) => {
    if (ordered.includes(resource)) return;
    if (visiting.has(resource)) throw new AssemblyError(`${resource.stack}: ${resource.type}.${resource.name} depends on itself through a cycle`);
    visiting.add(resource);
    const found = new Set<string>();
    referencesIn(resource.body, found);
    const dependsOn = resource.body.depends_on;
    if (Array.isArray(dependsOn)) for (const entry of dependsOn) if (typeof entry === 'string') found.add(entry);
    for (const key of found) {
      const dependency = byKey.get(key);
      if (dependency && dependency !== resource) visit(dependency);
    }
    visiting.delete(resource);
    ordered.push(resource);
  };
  for (const resource of resources) visit(resource);
  return ordered;
}
