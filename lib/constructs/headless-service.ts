/**
 * A headless Service (`clusterIP: None`): no virtual IP, DNS answers with the pods' own addresses.
 * The governing Service of a StatefulSet (`<pod>.<service>` names); ports are optional.
 */
import { Construct } from 'constructs';
import { SelectingService, type SelectingServiceProps } from './selecting-service';

/**
 * Options of a headless Service. Ports may be left out (DNS still lists the pods); StatefulSets
 * usually want `publishNotReadyAddresses: true` so peers find each other while starting.
 */
export interface HeadlessServiceProps extends SelectingServiceProps {}

/** `clusterIP: None` Service. */
export class HeadlessService extends SelectingService {
  public constructor(scope: Construct, id: string, props: HeadlessServiceProps = {}) {
    super(scope, id, props);
  }

  protected renderSpec(): Record<string, unknown> {
    return { ...this.renderSelectingSpec(), type: 'ClusterIP', clusterIP: 'None' };
  }
}
