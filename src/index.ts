/**
 * The stale-sg library: the API the command line and the Lambda handlers are
 * built on.
 */
export {
  analyze,
  DEFAULT_EPHEMERAL_PORTS,
  type AnalyzeOptions,
  type PortRange,
  type ProgressEvent,
} from './analyze.js';
export { StaleSgError, isStaleSgError, type StaleSgErrorCode } from './errors.js';
export type {
  Direction,
  Inventory,
  NetworkInterface,
  PeerKind,
  PrefixList,
  RulePeer,
  SecurityGroup,
  SecurityGroupRule,
} from './inventory/inventory.js';
export {
  loadInventoryDir,
  parseInventoryDocuments,
  type InventoryFile,
  type LoadedInventory,
} from './inventory/load-inventory.js';
export {
  REPORT_FORMATS,
  formatReport,
  isReportFormat,
  type FormatReportOptions,
  type ReportFormat,
} from './report/format-report.js';
export type {
  GroupReport,
  GroupStatus,
  Report,
  ReportSummary,
  RuleReport,
  RuleStatus,
  SkippedSource,
  SourcesReport,
} from './report/report.js';
export type { FlowRecord, FlowAction, LogStatus } from './flow-logs/flow-record.js';
export { generateDemo } from './demo/generate-demo.js';
export { runPipeline, type RunOptions, type RunResult } from './pipeline/run-pipeline.js';
export { loadRunConfig, parseRunConfig, type RunConfig } from './pipeline/run-config.js';
export {
  storedReport,
  DEFAULT_STALE_AFTER_DAYS,
  type StoredReport,
  type StoredReportOptions,
} from './pipeline/stored-report.js';
export { DuckDbStore, DEFAULT_STORE_PATH } from './store/duckdb-store.js';
export type { BatchUsage, SourceVersion } from './store/batch-usage.js';
export { computeFindings } from './findings/compute-findings.js';
export type { Findings } from './findings/findings.js';
export type { UsageEvidence } from './findings/evidence.js';
export {
  planRemediation,
  type RemediationKind,
  type RemediationPlan,
} from './findings/remediation-plan.js';
export {
  renderBackup,
  renderRestoreScript,
  renderRevokeScript,
} from './findings/remediation-script.js';
