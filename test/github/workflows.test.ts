import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repositoryRoot } from '../../bundling/bundle-lambda';

/** GitHub Actions cannot run here, so the workflows are checked against GitHub's schema. */
const validator = join(repositoryRoot, 'node_modules', '@action-validator', 'cli', 'cli.mjs');
const workflowsDirectory = join(repositoryRoot, '.github', 'workflows');
const workflows = readdirSync(workflowsDirectory).filter((file) => /\.ya?ml$/.test(file));
const validate = (file: string) => spawnSync(process.execPath, [validator, file], { encoding: 'utf8' });

describe('GitHub workflows', () => {
  it.each(workflows)('%s is valid against the workflow schema', (file) => {
    const result = validate(join(workflowsDirectory, file));
    expect({ status: result.status, errors: result.stdout + result.stderr }).toEqual({ status: 0, errors: '' });
  });

  it('the validator rejects a malformed workflow', () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'workflow-')), 'broken.yml');
    writeFileSync(broken, 'on: pull_request\njobs:\n  test:\n    steps: 3\n');
    expect(validate(broken).status).toBe(1);
  });

  it('tests every pull request, then plans each stack speculatively in its own Terraform Cloud workspace', () => {
    const workflow = parse(readFileSync(join(workflowsDirectory, 'pull-request.yml'), 'utf8'));
    expect(workflow.on).toEqual({ pull_request: { branches: ['main'] } });
    const testSteps = workflow.jobs.test.steps as Array<{ name?: string; run?: string; env?: Record<string, string> }>;
    const testRuns = testSteps.map((step) => step.run).filter(Boolean);
    expect(testRuns.slice(-2)).toEqual(['npm ci', 'npm test']);
    // The tools the tests need are provided, and under CI=true a missing one fails the run.
    expect(testRuns.join('\n')).toContain('providers mirror -platform=linux_amd64 /opt/tf-plugins');
    expect(testRuns.join('\n')).toContain("pipx install 'awscli<2'");
    expect(testSteps.find((step) => step.run === 'npm test')?.env).toEqual({ CI: 'true', SHOP_CHROMIUM: '/usr/bin/google-chrome' });
    expect(workflow.jobs.plan.needs).toBe('test');
    expect(workflow.jobs.plan.strategy.matrix.stack).toEqual(['identity', 'data', 'api']);
    const uses = workflow.jobs.plan.steps.map((step: { uses?: string }) => step.uses).filter(Boolean);
    expect(uses).toEqual(
      expect.arrayContaining([
        'hashicorp/tfc-workflows-github/actions/upload-configuration@v1.3.2',
        'hashicorp/tfc-workflows-github/actions/create-run@v1.3.2',
        'hashicorp/tfc-workflows-github/actions/plan-output@v1.3.2',
      ]),
    );
    const run = workflow.jobs.plan.steps.find((step: { id?: string }) => step.id === 'plan');
    expect(run.with.plan_only).toBe(true);
    // HashiCorp's template: a failed plan is still commented, then fails the job; forks (no secrets) do not plan.
    expect(run['continue-on-error']).toBe(true);
    const planSteps = workflow.jobs.plan.steps as Array<{ name?: string; if?: string; run?: string; with?: { script?: string } }>;
    expect(planSteps.at(-1)).toMatchObject({ if: "steps.plan.outcome == 'failure'", run: expect.stringContaining('exit 1') });
    expect(workflow.jobs.plan.if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
    // One comment per stack, found by its marker and updated.
    const comment = planSteps.find((step) => step.name === 'Comment on the pull request')?.with?.script ?? '';
    expect(comment).toContain('<!-- terraform-plan:${STACK} -->');
    expect(comment).toContain('github.rest.issues.updateComment');
    expect(workflow.jobs.plan.env.TF_API_TOKEN).toBe('${{ secrets.TF_API_TOKEN }}');
  });
});
