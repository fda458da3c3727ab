// A CloudFormation template as a plain object (what synth produces and what the cost
// estimator and the scenario code read). Kept apart from app.ts so readers of templates do
// not load aws-cdk-lib.
export interface CloudFormationResource {
  Type: string;
  Properties?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface CloudFormationTemplate {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Transform?: string | string[];
  Parameters?: Record<string, { Type: string; Default?: unknown; [key: string]: unknown }>;
  Resources: Record<string, CloudFormationResource>;
  Outputs?: Record<string, unknown>;
  [key: string]: unknown;
}
