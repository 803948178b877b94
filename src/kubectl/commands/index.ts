/** Every kubectl command, in `kubectl --help` order. */
import type { Command } from '../command.ts';
import { get } from './get.ts';
import { apply } from './apply.ts';
import { create } from './create.ts';
import { del } from './delete.ts';
import { logs } from './logs.ts';
import { describe } from './describe.ts';
import { annotate, label } from './label.ts';
import { cordon, uncordon } from './cordon.ts';
import { scale } from './scale.ts';
import { rollout } from './rollout.ts';
import { set } from './setImage.ts';
import { taint } from './taint.ts';
import { drain } from './drain.ts';

export const COMMANDS: Command[] = [create, get, del, describe, apply, logs, label, annotate, cordon, uncordon, scale, rollout, set, taint, drain];
