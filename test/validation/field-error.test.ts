import { GoValue, goQuote, notSupported, renderFieldError, renderInvalid, renderStatusMessage, renderValue, tooMany, type FieldError } from '../../lib/validation/field-error';

describe('renderFieldError (field.Error.Error() in k8s.io/apimachinery/pkg/util/validation/field)', () => {
  test.each<[FieldError, string]>([
    [{ field: 'spec.ports[0].port', type: 'Invalid', value: 0, detail: 'must be between 1 and 65535, inclusive' }, 'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'],
    [{ field: 'metadata.name', type: 'Invalid', value: 'My_Svc', detail: 'x' }, 'metadata.name: Invalid value: "My_Svc": x'],
    [{ field: 'spec.ports', type: 'Required', detail: '' }, 'spec.ports: Required value'],
    [{ field: 'metadata.name', type: 'Required', value: 'ignored', detail: 'name or generateName is required' }, 'metadata.name: Required value: name or generateName is required'],
    [{ field: 'spec.clusterIPs', type: 'Forbidden', detail: 'may not be set for ExternalName services' }, 'spec.clusterIPs: Forbidden: may not be set for ExternalName services'],
    [{ field: 'spec.ports[1].name', type: 'Duplicate', value: 'http' }, 'spec.ports[1].name: Duplicate value: "http"'],
    [{ field: 'spec.ports[1].nodePort', type: 'Duplicate', value: 30080 }, 'spec.ports[1].nodePort: Duplicate value: 30080'],
    [notSupported('spec.ports[0].protocol', 'HTTP', ['UDP', 'TCP', 'SCTP']), 'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    [{ field: 'spec.clusterIPs', type: 'Invalid', value: ['10.0.0.1'], detail: 'd' }, 'spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: d'],
    [{ field: 'x', type: 'Invalid', value: null, detail: 'd' }, 'x: Invalid value: null: d'],
    [{ field: 'x', type: 'Invalid', value: true, detail: '' }, 'x: Invalid value: true'],
    [{ field: 'x', type: 'Invalid', value: new GoValue('core.ServicePort{}'), detail: 'd' }, 'x: Invalid value: core.ServicePort{}: d'],
    [{ field: 'x', type: 'TooLong', value: 'long', detail: 'must have at most 262144 bytes' }, 'x: Too long: must have at most 262144 bytes'],
    [tooMany('endpoints', 1001, 1000), 'endpoints: Too many: 1001: must have at most 1000 items'],
    [{ field: 'x', type: 'NotFound', value: 'y' }, 'x: Not found: "y"'],
  ])('%j', (e, expected) => expect(renderFieldError(e)).toBe(expected));

  test('Go %q escaping', () => {
    expect(goQuote('a"b\\c\nd\x01é')).toBe('"a\\"b\\\\c\\nd\\x01é"');
    expect(renderValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe('renderInvalid / renderStatusMessage (kubectl and the API Status)', () => {
  const port0: FieldError = { field: 'spec.ports[0].port', type: 'Invalid', value: 0, detail: 'must be between 1 and 65535, inclusive' };
  const noName: FieldError = { field: 'spec.ports[1].name', type: 'Required', detail: '' };
  test('one cause', () => {
    expect(renderInvalid('Service', 'web', [port0])).toBe('The Service "web" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive');
    expect(renderStatusMessage('Service', 'web', [port0])).toBe('Service "web" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive');
  });
  test('several causes, duplicates dropped', () => {
    expect(renderInvalid('Service', 'web', [port0, noName, port0])).toBe(
      'The Service "web" is invalid: \n* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n* spec.ports[1].name: Required value',
    );
    expect(renderStatusMessage('Service', 'web', [port0, noName, port0])).toBe(
      'Service "web" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[1].name: Required value]',
    );
  });
});
