/**
 * Field-level API rules are not re-implemented by the constructs: whatever the user wrote reaches
 * the manifest and the engine's api-validation rule (lib/k8s/names.ts) rejects it at synth, every
 * error at once, with upstream field paths and texts (pkg/apis/core/validation ValidateService).
 */
import { ClusterIPService } from '../../lib/constructs';
import { rules } from '../../lib/rules/registry';
import { newChart, reportedFindings, synthError } from './helpers';

// The api-validation rule is another engineer's; these vectors run as soon as it is registered.
const hasApiValidation = rules.some((r) => r.id === 'api-validation');

(hasApiValidation ? describe : describe.skip)('api-validation through the constructs', () => {
  test('bad port names, a nodePort on ClusterIP and a too-long named targetPort fail synth together', () => {
    const chart = newChart('bad');
    new ClusterIPService(chart, 'svc', {
      metadata: { name: 'svc' },
      selector: { app: 'x' },
      ports: [
        { name: 'HTTP', port: 80, targetPort: 'http-web-server-1', nodePort: 30001 },
        { port: 81 },
      ],
    });
    const found = reportedFindings(synthError(chart)).filter((f) => f.rule === 'api-validation' && f.at === 'bad/svc/Resource');
    const line = (field: string) => found.find((f) => f.detail.startsWith(`${field}: `))?.detail ?? '';
    expect(line('spec.ports[0].name')).toContain('spec.ports[0].name: Invalid value: "HTTP": a lowercase RFC 1123 label must consist of');
    expect(line('spec.ports[1].name')).toContain('spec.ports[1].name: Required value');
    expect(line('spec.ports[0].nodePort')).toContain("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    expect(line('spec.ports[0].targetPort')).toContain('spec.ports[0].targetPort: Invalid value: "http-web-server-1": must be no more than 15 characters');
  });
});
