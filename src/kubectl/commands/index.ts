/** Every kubectl command, in `kubectl --help` order. */
import type { Command } from '../command.ts';
import { get } from './get.ts';
import { apply } from './apply.ts';
import { create } from './create.ts';
import { del } from './delete.ts';
import { logs } from './logs.ts';
import { exec } from './exec.ts';
import { describe } from './describe.ts';
import { annotate, label } from './label.ts';
import { cordon, uncordon } from './cordon.ts';
import { scale } from './scale.ts';
import { rollout } from './rollout.ts';
import { set } from './setImage.ts';
import { taint } from './taint.ts';
import { drain } from './drain.ts';
import { run } from './run.ts';
import { edit } from './edit.ts';
import { patch } from './patch.ts';
import { wait } from './wait.ts';
import { apiResources } from './apiResources.ts';
import { explain } from './explain.ts';
import { clusterInfo, config, options, version } from './cluster.ts';

export const COMMANDS: Command[] = [create, get, del, describe, apply, logs, exec, label, annotate, cordon, uncordon, drain, taint, scale, rollout, set, run, edit, patch, wait, explain, apiResources, clusterInfo, config, version, options];
