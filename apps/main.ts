/** Entry point of `cdk8s synth` (cdk8s.yaml runs the compiled build/apps/main.js): all example apps. */
import { App } from 'cdk8s';
import { addExampleCharts } from './charts';

const app = new App();
addExampleCharts(app);
app.synth();
