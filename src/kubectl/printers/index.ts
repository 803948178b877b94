/** Registers every table printer. Import once for its side effect. */
import './pod.ts';
import './node.ts';
import './apps.ts';
import './appsDescribe.ts';
import './policy.ts';
import './core.ts';
import './describePod.ts';
import './describeNode.ts';
import './describeCore.ts';
import './job.ts';
import './service.ts';
