/**
 * The playground's starting point and its example manifests (data only, shared by the worker, which
 * boots the cluster, and the UI, which offers the examples). The Job is the seeds' `pi` job
 * (completions 3, parallelism 2); the DaemonSet is the seeds' `ssd-monitor` (nodeSelector
 * disk=ssd); the Deployment and CronJob follow the upstream docs' examples.
 */

/** Applied at boot: a node agent on every worker, so the cluster looks alive from the first second. */
export const STARTER_MANIFESTS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: kube-system
  labels:
    app: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      containers:
      - name: agent
        image: busybox
        command: ["sh", "-c", "while true; do echo collected metrics; sleep 30; done"]
        resources:
          requests:
            cpu: 50m
            memory: 32Mi
`;

export interface ExampleManifest {
  fileName: string;
  title: string;
  text: string;
}

export const JOB_EXAMPLE: ExampleManifest = {
  fileName: 'job.yaml',
  title: 'Job: compute π with 3 completions, 2 at a time',
  text: `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  parallelism: 2
  completions: 3
  backoffLimit: 4
  template:
    spec:
      containers:
      - name: pi
        image: perl
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
`,
};

export const DAEMONSET_EXAMPLE: ExampleManifest = {
  fileName: 'ssd-monitor.yaml',
  title: 'DaemonSet: one monitor on every node labelled disk=ssd',
  text: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ssd-monitor
spec:
  selector:
    matchLabels:
      app: ssd-monitor
  template:
    metadata:
      labels:
        app: ssd-monitor
    spec:
      nodeSelector:
        disk: ssd
      containers:
      - name: main
        image: idealism/ssd-monitor
`,
};

export const DEPLOYMENT_EXAMPLE: ExampleManifest = {
  fileName: 'deployment.yaml',
  title: 'Deployment: three nginx replicas',
  text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`,
};

export const CRONJOB_EXAMPLE: ExampleManifest = {
  fileName: 'cronjob.yaml',
  title: 'CronJob: say hello every minute',
  text: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            command: ["sh", "-c", "date; echo Hello from the Kubernetes cluster"]
          restartPolicy: OnFailure
`,
};

export const EXAMPLES: readonly ExampleManifest[] = [JOB_EXAMPLE, DAEMONSET_EXAMPLE, DEPLOYMENT_EXAMPLE, CRONJOB_EXAMPLE];
