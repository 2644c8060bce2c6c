/**
 * The cdk8s-plus major versions every construct test runs against: the oldest supported line (27),
 * one between (30) and the newest (33, what `cdk8s init typescript-app` installs). They are
 * installed side by side as aliased dev dependencies.
 *
 * The modules are typed as cdk8s-plus-27 here so one test body serves all three; that each
 * version's own types are accepted by the constructs is checked by compiling real code against
 * each package (plus-types.test.ts).
 */
import * as plus27 from 'cdk8s-plus-27';
import * as plus30 from 'cdk8s-plus-30';
import * as plus33 from 'cdk8s-plus-33';

export type Plus = typeof plus27;

export const PLUS_VERSIONS: [string, Plus][] = [
  ['cdk8s-plus-27', plus27],
  ['cdk8s-plus-30', plus30 as unknown as Plus],
  ['cdk8s-plus-33', plus33 as unknown as Plus],
];
