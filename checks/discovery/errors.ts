import { UsageError } from '../../contract/errors';

/** Discovery found neither a stack nor a tagged resource of the student (exit 2 for verify; "nothing to do" for cleanup). */
export class NoDeploymentError extends UsageError {}
