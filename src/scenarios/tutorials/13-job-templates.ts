import { isComplete, jobs, pods, ran } from './checks.ts';
import type { Lesson } from './lesson.ts';
import { JOB_TEMPLATE, expandJobTemplate } from './manifests.ts';

const GROUP = 'jobgroup=jobexample';
const ITEMS = ['apple', 'banana', 'cherry'];

export const jobTemplates: Lesson = {
  id: 'job-templates',
  number: 13,
  title: { en: 'Job template expansion', zh: '用模板展开多个 Job' },
  summary: {
    en: 'Generate one Job per work item from a template, then manage the group with a label selector.',
    zh: '用模板为每个工作项生成一个 Job,再用标签选择算符管理这一组 Job。',
  },
  source: 'seed 003 “使用展开的方式进行并行处理” (job-tmpl.yaml)',
  start: { seed: 13 },
  steps: [
    {
      id: 'expand',
      title: { en: 'Expand the template', zh: '展开模板' },
      text: {
        en: '`job-tmpl.yaml` is not a valid manifest: `$ITEM` means nothing to Kubernetes. The seed expands it with `sed` into `./jobs/job-apple.yaml`, `job-banana.yaml` and `job-cherry.yaml`; the loads below do the same. Then create every file of the directory at once.',
        zh: '`job-tmpl.yaml` 不是合法的清单:`$ITEM` 对 Kubernetes 没有意义。种子文档用 `sed` 把它展开为 `./jobs/job-apple.yaml`、`job-banana.yaml` 和 `job-cherry.yaml`;下面的加载操作做的是同样的事。然后一次创建目录中的所有文件。',
      },
      actions: [
        { load: 'job-tmpl.yaml', text: JOB_TEMPLATE },
        ...ITEMS.map((item) => ({ load: `jobs/job-${item}.yaml`, text: expandJobTemplate(item) })),
        { run: 'kubectl create -f ./jobs' },
      ],
      check: (v) => jobs(v, GROUP).length === 3,
      hint: { en: '`kubectl create -f ./jobs` creates process-item-apple, -banana and -cherry.', zh: '`kubectl create -f ./jobs` 会创建 process-item-apple、-banana 和 -cherry。' },
    },
    {
      id: 'select',
      title: { en: 'Select the group', zh: '按组选择' },
      text: {
        en: 'The template gives every Job and its pods the label `jobgroup=jobexample`, so one selector finds the whole group among any other Jobs: `kubectl get jobs -l jobgroup=jobexample`. Each finishes after about five seconds of work.',
        zh: '模板给每个 Job 及其 Pod 都加上了标签 `jobgroup=jobexample`,所以一个选择算符就能在其他 Job 中找出整组:`kubectl get jobs -l jobgroup=jobexample`。每个 Job 工作大约五秒后结束。',
      },
      actions: [{ run: `kubectl get jobs -l ${GROUP}` }],
      check: (v) => ran(v, /^kubectl get jobs? .*-l ?jobgroup=jobexample/) && jobs(v, GROUP).length === 3 && jobs(v, GROUP).every(isComplete),
      hint: { en: 'Let the clock run until all three show `1/1`.', zh: '让时钟运行,直到三个都显示 `1/1`。' },
    },
    {
      id: 'logs',
      title: { en: 'All their output', zh: '它们的全部输出' },
      text: {
        en: 'The same selector works for logs: one line from each pod, “Processing item apple”, “banana”, “cherry”.',
        zh: '同样的选择算符也适用于日志:每个 Pod 一行,“Processing item apple”“banana”“cherry”。',
      },
      actions: [{ run: `kubectl logs -l ${GROUP}` }],
      check: (v) => ran(v, /^kubectl logs .*-l ?jobgroup=jobexample/),
      hint: { en: 'Run `kubectl logs -l jobgroup=jobexample`.', zh: '运行 `kubectl logs -l jobgroup=jobexample`。' },
    },
    {
      id: 'clean-up',
      title: { en: 'Delete the group', zh: '删除整组' },
      text: {
        en: 'Delete the three Jobs with one command; their pods are deleted with them.',
        zh: '用一条命令删除三个 Job;它们的 Pod 也会随之删除。',
      },
      actions: [{ run: `kubectl delete job -l ${GROUP}` }],
      check: (v) => jobs(v, GROUP).length === 0 && pods(v, GROUP).length === 0,
      hint: { en: 'The pods take a moment to go.', zh: 'Pod 需要一点时间才会消失。' },
    },
  ],
};
