import { eventCount, eventsAbout, isRunning, named, type PodObject, ran, restarts } from './checks.ts';
import type { ClusterView, Lesson } from './lesson.ts';
import { KUBIA_LIVENESS_POD } from './manifests.ts';

const pod = (v: ClusterView) => named<PodObject>(v, 'Pod', 'kubia-liveness');

export const livenessProbes: Lesson = {
  id: 'liveness-probes',
  number: 15,
  title: { en: 'Liveness probes', zh: '存活探针' },
  summary: {
    en: 'The kubelet probes a container over HTTP and restarts it when it stops answering well: exit code 137, RESTARTS climbing.',
    zh: 'kubelet 通过 HTTP 探测容器,当它不再正常响应时重启它:退出码 137,RESTARTS 不断增加。',
  },
  source: 'seed 001 “Kubernetes 实战 —— 04” §“保持 pod 健康” (kubia-liveness-probe.yaml)',
  start: { seed: 15 },
  steps: [
    {
      id: 'create',
      title: { en: 'An app that turns unhealthy', zh: '一个会变得不健康的应用' },
      text: {
        en: '`idealism/kubia-unhealthy` answers HTTP 200 to its first five requests and 500 from then on. The pod’s `livenessProbe` sends `GET /` on port 8080 every 10 seconds (the defaults: `periodSeconds 10`, `timeoutSeconds 1`, `failureThreshold 3`). Create it.',
        zh: '`idealism/kubia-unhealthy` 对前五个请求返回 HTTP 200,之后一直返回 500。Pod 的 `livenessProbe` 每 10 秒向 8080 端口发送一次 `GET /`(默认值:`periodSeconds 10`、`timeoutSeconds 1`、`failureThreshold 3`)。创建它。',
      },
      actions: [{ load: 'kubia-liveness-probe.yaml', text: KUBIA_LIVENESS_POD }, { run: 'kubectl create -f kubia-liveness-probe.yaml' }],
      check: (v) => {
        const p = pod(v);
        return p !== undefined && isRunning(p);
      },
      hint: { en: 'Wait for the pod to be `Running`.', zh: '等待 Pod 变成 `Running`。' },
    },
    {
      id: 'first-restart',
      title: { en: 'The first restart', zh: '第一次重启' },
      text: {
        en: 'Play the clock and watch `kubectl get pod kubia-liveness`. Five probes succeed; then three in a row fail, the kubelet kills the container and starts a new one: `RESTARTS 1`.',
        zh: '让时钟运行,观察 `kubectl get pod kubia-liveness`。前五次探测成功;随后连续三次失败,kubelet 杀死容器并启动一个新的:`RESTARTS 1`。',
      },
      actions: [],
      check: (v) => {
        const p = pod(v);
        return p !== undefined && restarts(p) >= 1;
      },
      hint: { en: 'The first kill comes after about 80 seconds.', zh: '第一次被杀死大约在 80 秒之后。' },
      withinMs: 4 * 60_000,
    },
    {
      id: 'previous-logs',
      title: { en: 'What the previous container said', zh: '上一个容器说了什么' },
      text: {
        en: '`kubectl logs` shows the current container, which has just started. `--previous` shows the one that was killed.',
        zh: '`kubectl logs` 显示的是当前刚启动的容器。`--previous` 显示被杀死的那个。',
      },
      actions: [{ run: 'kubectl logs kubia-liveness --previous' }],
      check: (v) => ran(v, /^kubectl logs .*(--previous|-p)\b/),
      hint: { en: 'Run `kubectl logs kubia-liveness --previous`.', zh: '运行 `kubectl logs kubia-liveness --previous`。' },
    },
    {
      id: 'exit-137',
      title: { en: 'Exit code 137', zh: '退出码 137' },
      text: {
        en: '`kubectl describe pod kubia-liveness` shows `Last State: Terminated, Reason: Error, Exit Code: 137` and the events `Unhealthy` (“Liveness probe failed: HTTP probe failed with statuscode: 500”) and `Killing` (“Container kubia failed liveness probe, will be restarted”). 137 = 128 + 9: the process was ended by signal 9, SIGKILL; 143 would be 128 + 15, SIGTERM.',
        zh: '`kubectl describe pod kubia-liveness` 显示 `Last State: Terminated, Reason: Error, Exit Code: 137`,以及事件 `Unhealthy`(“Liveness probe failed: HTTP probe failed with statuscode: 500”)和 `Killing`(“Container kubia failed liveness probe, will be restarted”)。137 = 128 + 9:进程被 9 号信号 SIGKILL 终止;143 则是 128 + 15,即 SIGTERM。',
      },
      actions: [{ run: 'kubectl describe pod kubia-liveness' }],
      check: (v) =>
        ran(v, /^kubectl describe (pod|pods|po)[ /]kubia-liveness\b/) &&
        pod(v)?.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode === 137,
      hint: { en: 'Run `kubectl describe pod kubia-liveness`.', zh: '运行 `kubectl describe pod kubia-liveness`。' },
    },
    {
      id: 'again',
      title: { en: 'And again', zh: '一次又一次' },
      text: {
        en: 'The new container is a fresh process, so it answers five requests and turns unhealthy again: the cycle repeats forever, `RESTARTS` climbing. Keep playing until it has been restarted twice. (An `initialDelaySeconds` gives a slow-starting app time before the first probe; it would not help here.)',
        zh: '新容器是一个全新的进程,所以它又会响应五个请求,然后再次变得不健康:这个循环会一直持续,`RESTARTS` 不断增加。继续运行,直到它被重启两次。(`initialDelaySeconds` 可以给启动慢的应用在第一次探测前留出时间;在这里它帮不上忙。)',
      },
      actions: [],
      check: (v) => {
        const p = pod(v);
        return p !== undefined && restarts(p) >= 2 && eventCount(eventsAbout(v, 'Pod', 'kubia-liveness', 'Killing')) >= 2;
      },
      hint: { en: 'Each cycle takes about 80 seconds plus the restart back-off.', zh: '每个周期大约 80 秒,再加上重启退避时间。' },
      withinMs: 5 * 60_000,
    },
  ],
};
