/** Registers every table printer. Import once for its side effect. */
import './pod.ts';
import './node.ts';
import './apps.ts';
import './appsDescribe.ts';
import './policy.ts';
