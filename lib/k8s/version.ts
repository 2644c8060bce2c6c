/** Kubernetes releases, compared as (major, minor): for texts and behaviour that changed between releases. */

/** A Kubernetes minor release. */
export interface KubeVersion {
  major: number;
  minor: number;
}

/** The baseline the simulator describes (v1.31); used when a caller does not say. */
export const DEFAULT_KUBE_VERSION: KubeVersion = { major: 1, minor: 31 };

/** True when `version` (the baseline when undefined) is at least `major.minor`. */
export function versionAtLeast(version: KubeVersion | undefined, major: number, minor: number): boolean {
  const v = version ?? DEFAULT_KUBE_VERSION;
  return v.major > major || (v.major === major && v.minor >= minor);
}
