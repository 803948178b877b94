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
import { run } from './run.ts';
import { edit } from './edit.ts';
import { patch } from './patch.ts';
import { wait } from './wait.ts';
import { apiResources } from './apiResources.ts';
import { explain } from './explain.ts';
import { clusterInfo, config, options, version } from './cluster.ts';

export const COMMANDS: Command[] = [create, get, del, describe, apply, logs, exec, label, annotate, cordon, uncordon, run, edit, patch, wait, explain, apiResources, clusterInfo, config, version, options];
