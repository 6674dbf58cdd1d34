import { App } from 'cdktf';
import { loadDeploymentConfig } from './stacks/deployment-config';
import { defineStacks } from './stacks/define-stacks';

/** The CDKTF app: settings from the environment, three stacks, synthesized to cdktf.out/. */
const app = new App();
defineStacks(app, loadDeploymentConfig());
app.synth();
