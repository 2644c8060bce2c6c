/**
 * An ExternalName Service: a DNS alias (CNAME) inside the cluster for a name outside it. Unlike
 * cdk8s-plus, ports given here are kept in the manifest (they are informative only).
 */
import { Construct } from 'constructs';
import { ServiceBase, type ServiceBaseProps } from './service-base';
import { setDefined } from './spec-fields';

/** Options of an ExternalName Service. */
export interface ExternalNameServiceProps extends ServiceBaseProps {
  /**
   * The DNS name the Service's name resolves to (a CNAME record); a lowercase DNS subdomain.
   * @example 'someapi.somecompany.com'
   */
  readonly externalName: string;
}

/** `type: ExternalName` Service. */
export class ExternalNameService extends ServiceBase {
  /** The DNS name this Service aliases. */
  public readonly externalName: string;

  public constructor(scope: Construct, id: string, props: ExternalNameServiceProps) {
    super(scope, id, props);
    this.externalName = props.externalName;
  }

  protected renderSpec(): Record<string, unknown> {
    const spec: Record<string, unknown> = { type: 'ExternalName', externalName: this.externalName };
    setDefined(spec, 'ports', this.renderPorts());
    return spec;
  }
}
