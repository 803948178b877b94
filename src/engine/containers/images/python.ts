/**
 * python (the official image): CPython 3 on Debian. `python -c` one-liners and simple scripts run
 * through kubesim's small interpreter (see commands/python.ts); stdout is block-buffered as in
 * CPython unless PYTHONUNBUFFERED is set.
 */
import type { ImageSpec } from './image.ts';
import { debianPackages, debianTools } from './debian.ts';
import { PYTHON_VERSION, pythonCommand } from '../commands/python.ts';
import { curl, netUtils } from '../commands/netutils.ts';
import { STANDARD_PATH } from './busybox.ts';

const python3 = pythonCommand();

export const python: ImageSpec = {
  family: 'python',
  sizeBytes: 396_310_000,
  cmd: ['python3'],
  env: { PATH: STANDARD_PATH, LANG: 'C.UTF-8', PYTHON_VERSION },
  files: {},
  commands: { ...debianTools('debian'), python: python3, python3, [`python${PYTHON_VERSION.split('.').slice(0, 2).join('.')}`]: python3, curl, wget: netUtils('gnu').wget! },
  packages: debianPackages(),
  shell: 'dash',
};
