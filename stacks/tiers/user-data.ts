// The instance user data: installs Node.js 20 and the CloudWatch agent from the Amazon
// Linux 2023 repositories, ships the API log to the application log group, fetches and
// unpacks the workload bundle (an S3 asset), writes the non-secret environment file and
// runs the bundle's install.sh. The script ends with cfn-signal (added by the compute
// tier), so a deployment only completes when the API answers its health check.
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { WORKLOAD_ENV_FILE, WORKLOAD_HEALTH_PATH, WORKLOAD_LOG_FILE, type WorkloadEnvironment } from './workload-env';

export interface WorkloadUserDataProps {
  readonly bundleBucket: string;
  readonly bundleKey: string;
  readonly region: string;
  readonly logGroupName: string;
  readonly environment: WorkloadEnvironment;
  readonly appPort: number;
  /** How long to wait for the API's health check before failing the boot. */
  readonly healthWaitSeconds: number;
}

const AGENT_CONFIG = '/opt/aws/amazon-cloudwatch-agent/etc/cloudmart-agent.json';
const BOOTSTRAP_LOG = '/var/log/cloudmart/bootstrap.log';

export function workloadUserData(props: WorkloadUserDataProps): ec2.UserData {
  const userData = ec2.UserData.forLinux();
  const agentConfig = JSON.stringify({
    agent: { run_as_user: 'root' },
    logs: {
      logs_collected: {
        files: {
          collect_list: [
            { file_path: WORKLOAD_LOG_FILE, log_group_name: props.logGroupName, log_stream_name: '{instance_id}/api' },
            { file_path: BOOTSTRAP_LOG, log_group_name: props.logGroupName, log_stream_name: '{instance_id}/bootstrap' },
          ],
        },
      },
    },
  });
  const envLines = Object.entries(props.environment).map(([key, value]) => `${key}=${value}`);
  const attempts = Math.max(1, Math.ceil(props.healthWaitSeconds / 2));
  userData.addCommands(
    'set -euo pipefail',
    'mkdir -p /var/log/cloudmart',
    `exec > >(tee -a ${BOOTSTRAP_LOG}) 2>&1`,
    'echo "cloudmart bootstrap: $(date -Is)"',
    // Node.js 20 and the agents from the Amazon Linux 2023 repositories (no third-party repo).
    'dnf install -y nodejs20 nodejs20-npm amazon-cloudwatch-agent aws-cfn-bootstrap unzip',
    // AL2023 namespaces Node.js (node-20) and points `node` at the active version.
    'if ! node --version 2>/dev/null | grep -q "^v20\\."; then alternatives --set node "$(command -v node-20)" || true; fi',
    'echo "node: $(command -v node-20) $(node-20 --version)"',
    // Ship the API log (and this bootstrap log) to the application log group.
    `mkdir -p "$(dirname ${AGENT_CONFIG})"`,
    `cat > ${AGENT_CONFIG} <<'CLOUDMART_AGENT'`,
    agentConfig,
    'CLOUDMART_AGENT',
    `/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${AGENT_CONFIG}`,
    // The workload bundle.
    'install -d -m 0755 /opt/cloudmart',
    `aws s3 cp "s3://${props.bundleBucket}/${props.bundleKey}" /opt/cloudmart/bundle.zip --region ${props.region}`,
    'rm -rf /opt/cloudmart/bundle && mkdir -p /opt/cloudmart/bundle',
    'unzip -q -o /opt/cloudmart/bundle.zip -d /opt/cloudmart/bundle',
    // Non-secret settings only; secrets are fetched by ARN at runtime.
    `install -d -m 0750 "$(dirname ${WORKLOAD_ENV_FILE})"`,
    `cat > ${WORKLOAD_ENV_FILE} <<'CLOUDMART_ENV'`,
    ...envLines,
    'CLOUDMART_ENV',
    `chmod 0640 ${WORKLOAD_ENV_FILE}`,
    `cd /opt/cloudmart/bundle && bash install.sh ${WORKLOAD_ENV_FILE}`,
    // Succeed only when the API answers (install.sh waits for it too; this holds whatever the
    // bundle does); the exit trap reports the result to CloudFormation.
    `for attempt in $(seq 1 ${attempts}); do`,
    `  if curl -fsS -o /dev/null http://127.0.0.1:${props.appPort}${WORKLOAD_HEALTH_PATH}; then echo "cloudmart API healthy"; exit 0; fi`,
    '  sleep 2',
    'done',
    `echo "cloudmart API did not answer ${WORKLOAD_HEALTH_PATH} within ${props.healthWaitSeconds}s"; exit 1`,
  );
  return userData;
}
