/** Entry point of `cdk8s synth` (cdk8s.yaml runs it with ts-node): all example apps. */
import { App } from 'cdk8s';
import { addExampleCharts } from './charts';

const app = new App();
addExampleCharts(app);
app.synth();
