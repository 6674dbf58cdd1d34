import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssemblyError } from '../../../offline/terraform/assembly-error';
import { Resolver, type AttributeSource } from '../../../offline/terraform/resolver';
import { loadSynthesizedApp, type ConfigBlock } from '../../../offline/terraform/synthesized-app';

/** Writes a small cdktf output directory: a manifest and one cdk.tf.json per stack. */
function app(stacks: Record<string, { dependencies?: string[]; config: Record<string, unknown> }>): string {
  const directory = mkdtempSync(join(tmpdir(), 'resolver-'));
  const manifest: Record<string, unknown> = {};
  for (const [name, stack] of Object.entries(stacks)) {
    mkdirSync(join(directory, 'stacks', name), { recursive: true });
    writeFileSync(join(directory, 'stacks', name, 'cdk.tf.json'), JSON.stringify(stack.config));
    manifest[name] = { synthesizedStackPath: `stacks/${name}/cdk.tf.json`, workingDirectory: `stacks/${name}`, dependencies: stack.dependencies ?? [] };
  }
  writeFileSync(join(directory, 'manifest.json'), JSON.stringify({ stacks: manifest }));
  return directory;
}

/** Every resource's `id` is `<type>/<name>`; other attributes are its arguments. */
const source = (resolver: () => Resolver): AttributeSource => ({
  attribute(block: ConfigBlock, attribute: string) {
    if (attribute === 'id') return `${block.type}/${block.name}`;
    const argument = block.body[attribute];
    if (argument === undefined) throw new AssemblyError(`${block.address} has no ${attribute}`);
    return resolver().resolve(block.stack, argument, `${block.address}.${attribute}`);
  },
});

function resolverFor(directory: string): Resolver {
  const loaded = loadSynthesizedApp(directory);
  const resolver: Resolver = new Resolver(loaded, source(() => resolver));
  return resolver;
}

const producer = (backend: Record<string, unknown>) => ({
  config: {
    terraform: { backend },
    resource: { aws_x: { thing: { name: 'produced' } } },
    output: { thing_id: { value: '${aws_x.thing.id}', sensitive: true }, thing: { value: { id: '${aws_x.thing.id}', name: 'n' } } },
  },
});

describe('the strict resolver', () => {
  it("resolves resource attributes, and another stack's outputs through the remote state its backend writes", () => {
    const directory = app({
      identity: producer({ local: { path: '../../../terraform.identity.tfstate' } }),
      api: {
        dependencies: ['identity'],
        config: {
          terraform: { backend: { local: { path: '../../../terraform.api.tfstate' } } },
          data: { terraform_remote_state: { 'in-identity': { backend: 'local', config: { path: '../../../terraform.identity.tfstate' }, workspace: '${terraform.workspace}' } } },
          resource: { aws_y: { user: { arn: 'arn:${aws_y.user.id}' } } },
        },
      },
    });
    const resolver = resolverFor(directory);
    expect(resolver.resolve('api', '${data.terraform_remote_state.in-identity.outputs.thing_id}', 'test')).toBe('aws_x/thing');
    expect(resolver.resolve('api', 'x-${data.terraform_remote_state.in-identity.outputs.thing.name}', 'test')).toBe('x-n');
    expect(resolver.resolve('api', { list: ['${aws_y.user.id}', 3] }, 'test')).toEqual({ list: ['aws_y/user', 3] });
    expect(resolver.resolve('api', '${aws_y.user.arn}', 'test')).toBe('arn:aws_y/user');
    expect(resolver.resolve('api', 'policy/$${aws:PrincipalTag/shopId}', 'test')).toBe('policy/${aws:PrincipalTag/shopId}');
  });

  it.each([
    ['s3', { s3: { bucket: 'state', key: 'shop/identity.tfstate', region: 'eu-central-1', encrypt: true, use_lockfile: true } }, 's3', { bucket: 'state', key: 'shop/identity.tfstate', region: 'eu-central-1', encrypt: true }],
    ['Terraform Cloud', undefined, 'remote', { organization: 'org', workspaces: { name: 'shop-identity' } }],
  ])('finds the producer of a %s remote state by its backend', (_kind, backend, remoteBackend, config) => {
    const identity = producer(backend ?? {});
    if (!backend) (identity.config.terraform as Record<string, unknown>) = { cloud: { organization: 'org', workspaces: { name: 'shop-identity' } } };
    const directory = app({
      identity,
      api: { dependencies: ['identity'], config: { data: { terraform_remote_state: { in: { backend: remoteBackend, config } } } } },
    });
    expect(resolverFor(directory).resolve('api', '${data.terraform_remote_state.in.outputs.thing_id}', 'test')).toBe('aws_x/thing');
  });

  it('refuses, naming the place, what it does not evaluate or cannot find', () => {
    const directory = app({
      identity: producer({ local: { path: '../../../terraform.identity.tfstate' } }),
      api: {
        dependencies: ['identity'],
        config: {
          data: {
            terraform_remote_state: {
              elsewhere: { backend: 'local', config: { path: '../../../terraform.other.tfstate' } },
              in: { backend: 'local', config: { path: '../../../terraform.identity.tfstate' } },
            },
            aws_caller_identity: { current: {} },
          },
          resource: { aws_z: { loop: { a: '${aws_z.loop.b}', b: '${aws_z.loop.a}' } } },
        },
      },
    });
    const resolver = resolverFor(directory);
    const refusal = (template: string) => {
      try {
        resolver.resolve('api', template, 'api: aws_q.q arg');
        return 'resolved';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refusal('${sha1("x")}')).toBe('api: aws_q.q arg: the function call ${sha1("x")} is not evaluated by the offline runtime');
    expect(refusal('${var.region}')).toBe('api: aws_q.q arg: ${var.region} refers to var, which the offline runtime does not evaluate');
    expect(refusal('${aws_nope.x.id}')).toBe('api: aws_q.q arg: ${aws_nope.x.id} refers to a resource the stack api does not declare');
    expect(refusal('${data.aws_caller_identity.current.account_id}')).toMatch(/reads a data source of type aws_caller_identity, which is not emulated offline/);
    expect(refusal('${data.terraform_remote_state.elsewhere.outputs.thing_id}')).toMatch(/reads the local state .* which no stack of .* writes/);
    expect(refusal('${data.terraform_remote_state.in.outputs.missing}')).toMatch(/the stack identity has no output named missing/);
    expect(refusal('${aws_z.loop.a}')).toMatch(/api\.aws_z\.loop\.a depends on itself \(api\.aws_z\.loop\.a → api\.aws_z\.loop\.b → api\.aws_z\.loop\.a\)/);
  });

  it('refuses a manifest whose stacks depend on each other in a cycle, or that is not there', () => {
    expect(() => loadSynthesizedApp(app({ a: { dependencies: ['b'], config: {} }, b: { dependencies: ['a'], config: {} } }))).toThrow(
      /depend on each other in a cycle/,
    );
    expect(() => loadSynthesizedApp(mkdtempSync(join(tmpdir(), 'empty-')))).toThrow(/has no manifest\.json: it is not a cdktf synth output directory/);
    expect(() => loadSynthesizedApp(app({ a: { config: { module: { x: {} } } } }))).toThrow(/the top-level block "module" is not supported/);
  });

  it('puts every stack after the stacks it depends on', () => {
    const ordered = loadSynthesizedApp(app({ api: { dependencies: ['data', 'identity'], config: {} }, data: { dependencies: ['identity'], config: {} }, identity: { config: {} } }));
    expect(ordered.stacks.map((stack) => stack.name)).toEqual(['identity', 'data', 'api']);
  });
});
