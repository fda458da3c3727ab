// The drill endpoints' per-deployment token (stacks/workload/src/drill-token.ts): a
// generated secret the instances read at start (DRILL_TOKEN_SECRET_ARN) and the drill
// reads with the student's credentials, found by its tag (the name is generated: a
// deleted secret keeps its name for its recovery window, so a fixed name would block
// the next deploy).
import type { RemovalPolicy } from 'aws-cdk-lib';
import { Tags } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag/acknowledge';
import { DRILL_TOKEN_MIN_LENGTH, DRILL_TOKEN_TAG } from '../workload/src/drill-token';

export interface DrillTokenProps {
  readonly description: string;
  readonly removalPolicy: RemovalPolicy;
}

export class DrillToken extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: DrillTokenProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: `${props.description}: token of the API's drill endpoints (x-cloudmart-drill-token)`,
      // Letters and digits: safe in an HTTP header without escaping.
      generateSecretString: { passwordLength: Math.max(40, DRILL_TOKEN_MIN_LENGTH), excludePunctuation: true },
      removalPolicy: props.removalPolicy,
    });
    Tags.of(this.secret).add(DRILL_TOKEN_TAG, 'true');
    acknowledgeNag(
      this.secret,
      'AwsSolutions-SMG4',
      'The drill token only opens the class drill endpoints of this deployment and lives as long as it; a new deploy generates a new one, and the instances read it only at start, so a rotation Lambda would add a moving part without protecting anything more.',
    );
  }
}
