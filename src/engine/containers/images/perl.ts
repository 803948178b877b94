/**
 * perl (the official image, on buildpack-deps: curl and wget included). Its default command is the
 * debugger, which exits at once without a terminal; Job examples run
 * `perl -Mbignum=bpi -wle "print bpi(2000)"`, computed for real (see commands/perl.ts).
 */
import type { ImageSpec } from './image.ts';
import { debianPackages, debianTools } from './debian.ts';
import { perl as perlCommand } from '../commands/perl.ts';
import { curl, netUtils } from '../commands/netutils.ts';
import { STANDARD_PATH } from './busybox.ts';

export const perl: ImageSpec = {
  family: 'perl',
  sizeBytes: 347_203_000,
  cmd: ['perl5.40.0', '-de0'],
  env: { PATH: STANDARD_PATH, PERL_VERSION: '5.40.0' },
  files: {},
  commands: { ...debianTools('debian'), perl: perlCommand, 'perl5.40.0': perlCommand, curl, wget: netUtils('gnu').wget! },
  packages: debianPackages(),
  shell: 'dash',
};
