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

export const COMMANDS: Command[] = [create, get, del, describe, apply, logs, exec, label, annotate, cordon, uncordon];
