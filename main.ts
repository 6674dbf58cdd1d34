import { App } from 'cdktf';
import { SettingsError } from './platform/settings';
import { loadDeploymentConfig } from './stacks/deployment-config';
import { defineStacks } from './stacks/define-stacks';

/** The CDKTF app: settings from the environment, three stacks, synthesized to cdktf.out/. */
try {
  const app = new App();
  defineStacks(app, loadDeploymentConfig());
  app.synth();
} catch (error) {
  // A wrong setting is the user's to fix: say which, without a stack trace.
  if (!(error instanceof SettingsError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
