/** The client port range; see docs/attribution.md, "Request or response". */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export const DEFAULT_EPHEMERAL_PORTS: PortRange = { from: 32768, to: 65535 };
