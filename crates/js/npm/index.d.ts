// Types of the IAM policy engine module (hand-written; the shapes are those `iam-sim` prints).

/** The three outcomes of an authorization request. */
export type Decision = "allowed" | "explicitDeny" | "implicitDeny";

/**
 * A scenario: the input of `aws iam simulate-custom-policy --cli-input-json` plus this
 * project's extensions (SCPs, RCPs, session policies, a `World`), as JSON text or an object.
 * Policies may be JSON strings or objects. Positions in errors count in the text (for an object,
 * in its `JSON.stringify` text).
 */
export type Scenario = string | Record<string, unknown>;

/** When the request is made (fills `aws:CurrentTime` and `aws:EpochTime`). */
export interface TimeOptions {
  /** Epoch seconds or RFC 3339 text; `null` or `false`: no time; left out: the clock. */
  now?: number | string | null | false;
}

/** Options of {@link simulate}. */
export interface SimulateOptions extends TimeOptions {
  /** Attach each result's full trace (`iam-sim simulate --trace`). */
  trace?: boolean;
}

/** Options of {@link sweep}. */
export interface SweepOptions extends TimeOptions {
  /** Also try each service's actions on the ARNs the policies name (`--named-resources`). */
  namedResources?: boolean;
}

/** Options of {@link validate}. */
export interface ValidateOptions {
  /** The type of a lone policy (a scenario's policies have the type of their place). */
  type?: "identity" | "resource" | "trust" | "boundary" | "scp" | "rcp" | "session";
}

/** A located range: byte offsets plus 1-based line and column. */
export interface Span {
  start: number;
  end: number;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** A problem with the input. */
export interface Diagnostic {
  severity: "error" | "warning";
  code: string;
  message: string;
  help?: string;
  /** The policy `span` points into (`PolicyInputList.1`, `ResourcePolicy`, …). */
  policyId?: string;
  /** Where, in the policy's own text (or the scenario's, without `policyId`). */
  span?: Span;
  /** Where, in the scenario text. */
  fileSpan?: Span;
}

/** 1-based line and column. */
export interface Position {
  Line: number;
  Column: number;
}

/** A statement that decided a result. */
export interface MatchedStatement {
  SourcePolicyId: string;
  SourcePolicyType: string;
  Sid?: string;
  StartPosition: Position;
  EndPosition: Position;
  StatementIndex: number;
}

/** The decision for one (action, resource). */
export interface EvaluationResult {
  EvalActionName: string;
  EvalResourceName: string;
  EvalDecision: Decision;
  MatchedStatements: MatchedStatement[];
  MissingContextValues: string[];
  UnusedContextKeys: string[];
  /** With `trace: true`: every layer, policy, statement and decision step. */
  Trace?: Record<string, unknown>;
  /** World scenarios: the STS hops made before the request. */
  Chain?: Record<string, unknown>[];
  /** The `ActionNames` pattern this action was expanded from. */
  ActionPattern?: string;
}

/** The `SimulateCustomPolicy`-shaped response (`iam-sim simulate`). */
export interface Outcome {
  /** One result per (action, resource), action-major. */
  EvaluationResults: EvaluationResult[];
  /** Warnings about the input. */
  Diagnostics: Diagnostic[];
}

/** One finding of {@link validate}. */
export interface Finding {
  kind: "ERROR" | "SECURITY_WARNING" | "WARNING" | "SUGGESTION";
  code: string;
  message: string;
  help: string;
  span: Span;
  policyId?: string;
  fileSpan?: Span;
}

/** The report of {@link validate} (`iam-sim validate --json`). */
export interface ValidationReport {
  /** Always `<input>`. */
  file: string;
  /** `scenario`, or the type a lone policy was checked as. */
  input: string;
  /** The AWS service catalog checked against, as `package@version`. */
  catalog: string;
  summary: { errors: number; securityWarnings: number; warnings: number; suggestions: number };
  findings: Finding[];
}

/** Decisions counted. */
export interface Counts {
  total: number;
  allowed: number;
  explicitDeny: number;
  implicitDeny: number;
}

export type AccessLevel = "list" | "read" | "write" | "permissionsManagement" | "tagging";

/** The effective permissions of a scenario (`iam-sim sweep --json`). */
export interface Sweep {
  resources: string[];
  namedResources?: string[];
  decisions: number;
  counts: Counts;
  services: {
    prefix: string;
    name: string;
    counts: Counts;
    levels: { level: AccessLevel; counts: Counts }[];
    actions: {
      action: string;
      accessLevel: AccessLevel;
      decision: Decision;
      decisions: Decision[];
      resourceFree?: boolean;
      allowedOn?: string;
    }[];
  }[];
}

/**
 * Thrown when the input cannot be read: `message` is what `iam-sim` prints
 * (`<input>:LINE:COL: error: …`, one line per problem).
 */
export interface EngineError extends Error {
  diagnostics?: Diagnostic[];
}

/** Evaluate every (action, resource) of a scenario. Throws an {@link EngineError}. */
export function simulate(scenario: Scenario, options?: SimulateOptions): Outcome;
/** The readable trace `iam-sim explain` prints. Throws an {@link EngineError}. */
export function explain(scenario: Scenario, options?: TimeOptions): string;
/** Every finding of a scenario or one policy; throws only when the input is not JSON. */
export function validate(input: Scenario, options?: ValidateOptions): ValidationReport;
/** Every catalog action against the scenario's resources and context. Throws an {@link EngineError}. */
export function sweep(scenario: Scenario, options?: SweepOptions): Sweep;
/** The engine's version and the catalog's `package@version`. */
export function version(): { engine: string; catalog: string };
